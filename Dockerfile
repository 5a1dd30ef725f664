# The jak-kg server. It runs against the database given by NEO4J_URI (see docker-compose.yml).
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY cypher ./cypher
COPY data ./data
COPY schema ./schema
# NODE_ENV=production: graphql-js then checks types with a plain instanceof (its development build does
# more on every type check of every field).
ENV PORT=4000 HOST=0.0.0.0 NODE_ENV=production
EXPOSE 4000
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "--import", "tsx", "src/cli/main.ts", "serve"]
