// Local Neo4j Community (5.26 LTS) for jak-kg, embedded, with Bolt.
//
// Run in Java 17 source-file mode (no compile step, no class files):
//   java <jvm flags> -cp <classpath> launcher/Neo4jLauncher.java <dataDir> <boltPort> [pageCache]
// pageCache is a size such as 512m (the default) or 2g.
// The classpath comes from launcher/pom.xml; src/db/local-neo4j.ts resolves it,
// supplies the JVM flags and spawns this program. Do not start it by hand unless
// you are debugging the launcher itself.
//
// Protocol on stdout (one line each, flushed):
//   NEO4J_READY bolt://127.0.0.1:<port>   the default database is available
//   NEO4J_STOPPED                         clean shutdown finished (SIGTERM/SIGINT)
//   NEO4J_PORT_IN_USE 127.0.0.1:<port>    the Bolt port is taken; exit code 4
//   NEO4J_FAILED <message>                start failed; exit code 1
// Neo4j's own logs (debug.log, neo4j.log, ...) go to <dataDir>/logs.

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

public final class Neo4jLauncher {
    private static final String HOST = "127.0.0.1";
    private static final String DEFAULT_DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME; // "neo4j"
    private static final long READY_TIMEOUT_MS = 170_000;

    private static void say(String line) {
        PrintStream out = System.out;
        out.println(line);
        out.flush();
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 && args.length != 3) {
            System.err.println("usage: java ... Neo4jLauncher.java <dataDir> <boltPort> [pageCache, e.g. 512m]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        int port;
        try {
            port = Integer.parseInt(args[1]);
            if (port < 1 || port > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            System.err.println("bad Bolt port: " + args[1]);
            System.exit(2);
            return;
        }
        long pageCacheBytes;
        try {
            pageCacheBytes = args.length == 3 ? ByteUnit.parse(args[2]) : ByteUnit.mebiBytes(512);
        } catch (IllegalArgumentException e) {
            System.err.println("bad page cache size: " + args[2]);
            System.exit(2);
            return;
        }
        if (!portFree(port)) {
            say("NEO4J_PORT_IN_USE " + HOST + ":" + port);
            System.exit(4);
        }
        Files.createDirectories(home.resolve("logs"));

        final DatabaseManagementService managementService;
        try {
            managementService = new DatabaseManagementServiceBuilder(home)
                    // Bolt on loopback only; advertise the same address, so that the routing
                    // table a neo4j:// driver receives names 127.0.0.1 and not "localhost"
                    // (which Node may resolve to ::1, where nothing listens).
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheBytes)
                    // All transactions together may hold 70% of the heap, Neo4j's own default; a
                    // fixed 512 MiB made 32 concurrent path searches on a 4g heap fail (the bench).
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, Runtime.getRuntime().maxMemory() * 7 / 10)
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                    // Internal (unsupported) setting, exists in the pinned 5.26.30: Bolt's netty
                    // event loops otherwise wait a 5 s quiet period each (two of them) on shutdown,
                    // after the databases are already checkpointed and closed. 0 makes stop ~10 s faster.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } catch (Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            if (root instanceof java.net.BindException || !portFree(port)) {
                say("NEO4J_PORT_IN_USE " + HOST + ":" + port);
                t.printStackTrace();
                System.exit(4);
            }
            say("NEO4J_FAILED " + root);
            t.printStackTrace();
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                managementService.shutdown();
                say("NEO4J_STOPPED");
            } catch (Throwable t) {
                System.err.println("Neo4j shutdown failed: " + t);
                t.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "neo4j-launcher-shutdown"));

        GraphDatabaseService db = managementService.database(DEFAULT_DATABASE);
        if (!db.isAvailable(READY_TIMEOUT_MS)) {
            say("NEO4J_FAILED database '" + DEFAULT_DATABASE + "' not available after " + READY_TIMEOUT_MS + " ms");
            System.exit(1);
        }
        say("NEO4J_READY bolt://" + HOST + ":" + port);

        // Neo4j's own threads keep the JVM alive; park main until the shutdown hook ran.
        stopped.await();
    }
}
