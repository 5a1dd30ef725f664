/**
 * Local Neo4j Community 5.26 LTS for development and tests, without Docker.
 *
 * Neo4j runs embedded (with Bolt) inside launcher/Neo4jLauncher.java, a single-file
 * Java 17 program started in source-file mode. Its jars come from Maven Central via
 * launcher/pom.xml and stay in Maven's local repository (~/.m2); the resolved
 * classpath is cached in .neo4j/classpath.txt.
 *
 * Layout (defaults):
 *   .neo4j/data/          Neo4j home: data/, logs/debug.log, ...
 *   .neo4j/launcher.pid   JSON {pid, port, uri, dataDir, ...} of the running launcher
 *   .neo4j/neo4j.log      stdout/stderr of the launcher JVM
 *   .neo4j/classpath.txt  cached Maven classpath (classpath-<hash>.txt for a custom repository)
 * The pid and log files live in the parent folder of the data dir, so two data
 * dirs that share a parent folder cannot run at the same time.
 *
 * Environment:
 *   JAK_KG_MAVEN_REPO        Maven local repository to use instead of ~/.m2/repository
 *   JAK_KG_NEO4J_HEAP        JVM heap (-Xms/-Xmx), e.g. 2g; default 1g
 *   JAK_KG_NEO4J_PAGECACHE   Neo4j page cache, e.g. 2g; default 512m (a large graph wants its store in it)
 *   JAVA_HOME           Java to use (else `java` on PATH)
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartLocalNeo4jOptions {
  /** Neo4j home folder; default `<project root>/.neo4j/data`. */
  dataDir?: string;
  /** Bolt port on 127.0.0.1; default 7687. */
  boltPort?: number;
  /** Receives progress lines and the launcher's output while starting. */
  log?: (line: string) => void;
  /** How long to wait for Neo4j to become ready after the JVM is spawned; default 180 s. */
  timeoutMs?: number;
  /** true: the JVM outlives this Node process (used by `db start`); default false. */
  detached?: boolean;
  /** Maven local repository; default $JAK_KG_MAVEN_REPO, else Maven's own (~/.m2/repository). */
  mavenRepo?: string;
  /** JVM heap, a Java size such as "1g" or "1536m"; default $JAK_KG_NEO4J_HEAP, else 1g. */
  heap?: string;
  /** Neo4j page cache, a size such as "512m" or "2g"; default $JAK_KG_NEO4J_PAGECACHE, else 512m. */
  pageCache?: string;
}

interface PidFile {
  pid: number;
  port: number;
  uri: string;
  dataDir: string;
  state: 'starting' | 'running';
  startedAt: string;
}

export const DEFAULT_BOLT_PORT = 7687;
const DEFAULT_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 60_000;
const MAVEN_TIMEOUT_MS = 15 * 60_000;
const INSTALL_HINT = 'Install Java 17 and Maven with: apt-get install openjdk-17-jre-headless maven';

export const DEFAULT_HEAP = '1g';
export const DEFAULT_PAGE_CACHE = '512m';
const MEMORY_SIZE = /^[1-9][0-9]*[kmg]$/i;

/** Checks a memory size ("512m", "2g") before it reaches the JVM or Neo4j, so a typo fails with a clear message. */
export function memorySize(value: string, what: string): string {
  if (!MEMORY_SIZE.test(value)) throw new Error(`${what} must be a size such as 512m or 2g, not "${value}"`);
  return value.toLowerCase();
}

/** JVM flags for Neo4j 5.26 embedded on Java 17 (heap size apart: see jvmFlags). */
export const JVM_FLAGS: readonly string[] = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens',
  'java.base/java.nio=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.io=ALL-UNNAMED',
  '--add-opens',
  'java.base/sun.nio.ch=ALL-UNNAMED',
];

export function jvmFlags(heap: string = DEFAULT_HEAP): string[] {
  return [`-Xms${heap}`, `-Xmx${heap}`, ...JVM_FLAGS];
}

// ---------------------------------------------------------------- paths

function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const PROJECT_ROOT = findProjectRoot();
const NEO4J_DIR = path.join(PROJECT_ROOT, '.neo4j');
const POM = path.join(PROJECT_ROOT, 'launcher', 'pom.xml');
const LAUNCHER_JAVA = path.join(PROJECT_ROOT, 'launcher', 'Neo4jLauncher.java');
const CLASSPATH_CACHE = path.join(NEO4J_DIR, 'classpath.txt');

export const DEFAULT_DATA_DIR = path.join(NEO4J_DIR, 'data');

function resolveDataDir(dataDir?: string): string {
  return path.resolve(dataDir ?? DEFAULT_DATA_DIR);
}
function pidFilePath(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'launcher.pid');
}
function logFilePath(dataDir: string): string {
  return path.join(path.dirname(dataDir), 'neo4j.log');
}

// ---------------------------------------------------------------- small helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Alive and not a zombie (PID 1 in a container may never reap an orphaned JVM). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return false;
  } catch {
    /* no /proc: trust kill(0) */
  }
  return true;
}

/** True when pid is (still) our launcher JVM, not a recycled pid. Without /proc, assume yes. */
function isLauncherProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('Neo4jLauncher');
  } catch {
    return isAlive(pid);
  }
}

function readPidFile(file: string): PidFile | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(file, 'utf8')) as PidFile;
    return typeof v.pid === 'number' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The pid file's owner if it is alive, else remove a stale pid file and return undefined. */
function liveOwner(file: string): PidFile | undefined {
  const info = readPidFile(file);
  if (info) {
    const alive = info.state === 'running' ? isAlive(info.pid) && isLauncherProcess(info.pid) : isAlive(info.pid);
    if (alive) return info;
  }
  fs.rmSync(file, { force: true });
  return undefined;
}

function writePidFile(file: string, info: PidFile, exclusive: boolean): void {
  fs.writeFileSync(file, `${JSON.stringify(info, null, 2)}\n`, { flag: exclusive ? 'wx' : 'w' });
}

/** Launcher output of this run plus the end of Neo4j's own debug.log, for error messages. */
function startupLogs(logFile: string, from: number, dataDir: string): string {
  const debugLog = path.join(dataDir, 'logs', 'debug.log');
  let text = `launcher output (${logFile}):\n${tailLines(logFile, from, 30) || '(nothing yet)'}`;
  if (fs.existsSync(debugLog)) text += `\nlast lines of ${debugLog}:\n${tailLines(debugLog, 0, 30)}`;
  return text;
}

function tailLines(file: string, from: number, n: number): string {
  try {
    const buf = fs.readFileSync(file);
    const lines = buf.subarray(Math.min(from, buf.length)).toString('utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-n).join('\n');
  } catch {
    return '(no log output)';
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: '127.0.0.1', port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------- prerequisites

function javaCommand(): string {
  const home = process.env.JAVA_HOME;
  if (home) {
    const j = path.join(home, 'bin', 'java');
    if (fs.existsSync(j)) return j;
  }
  return 'java';
}

function checkJava(): string {
  const java = javaCommand();
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      `Java 17 or newer is required to run the local Neo4j, but \`${java} -version\` failed` + ` (${r.error?.message ?? `exit ${r.status}`}). ${INSTALL_HINT}`,
    );
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr + r.stdout);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : NaN;
  if (!(major >= 17)) {
    throw new Error(`Java 17 or newer is required to run the local Neo4j; found: ${(r.stderr || r.stdout).split('\n')[0]}. ${INSTALL_HINT}`);
  }
  return java;
}

function checkMaven(): void {
  const r = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(`Maven is required to fetch the Neo4j jars, but \`mvn -v\` failed (${r.error?.message ?? `exit ${r.status}`}). ${INSTALL_HINT}`);
  }
}

/**
 * Classpath from the cache, re-resolved with Maven when the pom is newer than the cache
 * or a cached jar is gone. A custom Maven repository gets its own cache file.
 */
function resolveClasspath(mavenRepo: string | undefined, log: (l: string) => void): string {
  const repo = mavenRepo ? path.resolve(mavenRepo) : undefined;
  const cache = repo ? path.join(NEO4J_DIR, `classpath-${createHash('sha1').update(repo).digest('hex').slice(0, 10)}.txt`) : CLASSPATH_CACHE;
  try {
    if (fs.statSync(cache).mtimeMs >= fs.statSync(POM).mtimeMs) {
      const cp = fs.readFileSync(cache, 'utf8').trim();
      const jars = cp.split(path.delimiter).filter(Boolean);
      if (jars.length > 0 && jars.every((j) => fs.existsSync(j))) return cp;
    }
  } catch {
    /* no cache yet */
  }

  checkMaven();
  fs.mkdirSync(NEO4J_DIR, { recursive: true });
  const tmp = `${cache}.${process.pid}.tmp`;
  const args = ['-q', '-B', '-Dstyle.color=never', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${tmp}`];
  if (repo) args.push(`-Dmaven.repo.local=${repo}`);
  log(`resolving the Neo4j classpath with Maven${repo ? ` (repository ${repo})` : ''}...`);
  const t0 = Date.now();
  const r = spawnSync('mvn', args, { encoding: 'utf8', timeout: MAVEN_TIMEOUT_MS, cwd: PROJECT_ROOT });
  if (r.error || r.status !== 0 || !fs.existsSync(tmp)) {
    fs.rmSync(tmp, { force: true });
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(
      `Maven could not resolve the Neo4j jars (mvn ${args.join(' ')}: ${r.error?.message ?? `exit ${r.status}`}).` + ` Is Maven Central reachable?\n${out}`,
    );
  }
  fs.renameSync(tmp, cache);
  log(`classpath resolved in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return fs.readFileSync(cache, 'utf8').trim();
}

// ---------------------------------------------------------------- stop

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(100);
  }
  return !isAlive(pid);
}

/** SIGTERM, wait up to `ms` for the JVM to exit, then SIGKILL. */
async function terminate(pid: number, ms: number): Promise<void> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (await waitForExit(pid, ms)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* gone */
  }
  await waitForExit(pid, 5_000);
}

function removePidFileIfOurs(file: string, pid: number): void {
  const info = readPidFile(file);
  if (!info || info.pid === pid) fs.rmSync(file, { force: true });
}

// ---------------------------------------------------------------- start

export async function startLocalNeo4j(opts: StartLocalNeo4jOptions = {}): Promise<LocalNeo4j> {
  const dataDir = resolveDataDir(opts.dataDir);
  const port = opts.boltPort ?? DEFAULT_BOLT_PORT;
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const detached = opts.detached ?? false;
  const uri = `bolt://127.0.0.1:${port}`;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad Bolt port: ${port}`);

  const java = checkJava();
  const heap = memorySize(opts.heap ?? process.env.JAK_KG_NEO4J_HEAP ?? DEFAULT_HEAP, 'JAK_KG_NEO4J_HEAP');
  const pageCache = memorySize(opts.pageCache ?? process.env.JAK_KG_NEO4J_PAGECACHE ?? DEFAULT_PAGE_CACHE, 'JAK_KG_NEO4J_PAGECACHE');
  const classpath = resolveClasspath(opts.mavenRepo ?? process.env.JAK_KG_MAVEN_REPO, log);

  // Claim the pid file first (exclusive create), so that two starts cannot race.
  fs.mkdirSync(dataDir, { recursive: true });
  const pidFile = pidFilePath(dataDir);
  const owner = liveOwner(pidFile);
  if (owner) {
    if (path.resolve(owner.dataDir) === dataDir) {
      throw new Error(`Neo4j is already running on ${dataDir} (pid ${owner.pid})`);
    }
    throw new Error(`another local Neo4j (pid ${owner.pid}, data dir ${owner.dataDir}) owns ${pidFile}; ` + `stop it or put ${dataDir} in another folder`);
  }
  const startedAt = new Date().toISOString();
  try {
    writePidFile(pidFile, { pid: process.pid, port, uri, dataDir, state: 'starting', startedAt }, true);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const other = readPidFile(pidFile);
      throw new Error(`Neo4j is already running on ${dataDir} (pid ${other?.pid ?? '?'})`);
    }
    throw e;
  }

  let pid = 0;
  try {
    if (!(await portFree(port))) {
      throw new Error(`port ${port} on 127.0.0.1 is already in use by another process; ` + `stop it or choose another Bolt port (--port N / boltPort)`);
    }

    const logFile = logFilePath(dataDir);
    fs.appendFileSync(logFile, `=== ${startedAt} starting Neo4j on ${uri}, data ${dataDir}\n`);
    const logFrom = fs.statSync(logFile).size;
    const fd = fs.openSync(logFile, 'a');
    log(`starting Neo4j (${uri}, data ${dataDir}, heap ${heap}, page cache ${pageCache}, log ${logFile})`);
    const t0 = Date.now();
    const child = spawn(java, [...jvmFlags(heap), LAUNCHER_JAVA, dataDir, String(port), pageCache], {
      cwd: PROJECT_ROOT,
      detached,
      stdio: ['ignore', fd, fd],
      // Via CLASSPATH rather than -cp keeps ~20 kB of jar paths out of `ps`.
      env: { ...process.env, CLASSPATH: classpath },
    });
    fs.closeSync(fd);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    pid = child.pid!;
    let exited: number | string | null | undefined;
    child.once('exit', (code, signal) => {
      exited = code ?? signal;
    });
    if (detached) child.unref();
    else process.once('exit', () => isAlive(pid) && process.kill(pid, 'SIGTERM'));
    writePidFile(pidFile, { pid, port, uri, dataDir, state: 'running', startedAt }, false);

    // Tail our part of the log until the launcher says READY (or fails, exits, times out).
    let seen = logFrom;
    let partial = '';
    let ready = false;
    const deadline = t0 + timeoutMs;
    while (!ready) {
      const size = fs.statSync(logFile).size;
      if (size > seen) {
        const fh = fs.openSync(logFile, 'r');
        const buf = Buffer.alloc(size - seen);
        fs.readSync(fh, buf, 0, buf.length, seen);
        fs.closeSync(fh);
        seen = size;
        const lines = (partial + buf.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          log(line);
          if (line.startsWith(`NEO4J_READY ${uri}`)) ready = true;
          else if (line.startsWith('NEO4J_PORT_IN_USE')) {
            throw new Error(`port ${port} on 127.0.0.1 is already in use by another process; choose another Bolt port`);
          } else if (line.startsWith('NEO4J_FAILED')) {
            throw new Error(`Neo4j failed to start: ${line.slice(13)}\n${startupLogs(logFile, logFrom, dataDir)}`);
          }
        }
        continue;
      }
      if (exited !== undefined || !isAlive(pid)) {
        throw new Error(`the Neo4j JVM exited (${exited ?? '?'}) before it was ready\n${startupLogs(logFile, logFrom, dataDir)}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`Neo4j was not ready within ${timeoutMs / 1000} s (JVM killed)\n${startupLogs(logFile, logFrom, dataDir)}`);
      }
      await sleep(100);
    }

    // Auth is disabled; this is what neo4j.auth.none() returns (missing from the v6 typings).
    const driver = neo4j.driver(uri, { scheme: 'none', credentials: '' }, { connectionTimeout: 10_000 });
    try {
      await driver.verifyConnectivity();
    } finally {
      await driver.close();
    }
    log(`Neo4j ready on ${uri} (pid ${pid}) after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    return {
      uri,
      pid,
      async stop() {
        await terminate(pid, STOP_TIMEOUT_MS);
        removePidFileIfOurs(pidFile, pid);
      },
    };
  } catch (e) {
    if (pid && isAlive(pid)) await terminate(pid, 10_000);
    removePidFileIfOurs(pidFile, pid || process.pid);
    throw e;
  }
}

// ---------------------------------------------------------------- status / stop

export async function localNeo4jStatus(dataDir?: string): Promise<{ running: boolean; pid?: number; uri?: string }> {
  const dir = resolveDataDir(dataDir);
  const owner = liveOwner(pidFilePath(dir));
  if (owner?.state !== 'running' || path.resolve(owner.dataDir) !== dir) return { running: false };
  return { running: true, pid: owner.pid, uri: owner.uri };
}

/** Stops the local Neo4j on dataDir; false when none was running. */
export async function stopLocalNeo4j(dataDir?: string): Promise<boolean> {
  const dir = resolveDataDir(dataDir);
  const file = pidFilePath(dir);
  const owner = liveOwner(file);
  if (!owner || path.resolve(owner.dataDir) !== dir) return false;
  if (owner.state !== 'running') {
    throw new Error(`Neo4j on ${dir} is still starting (launched by pid ${owner.pid}); try again shortly`);
  }
  await terminate(owner.pid, STOP_TIMEOUT_MS);
  removePidFileIfOurs(file, owner.pid);
  return true;
}
