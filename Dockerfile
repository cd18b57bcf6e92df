# The app image used by docker-compose.yml. Node 20 on Debian, like the development machines.
# Built in one stage (all dependencies: Vite, TypeScript), run from another that holds only the
# production dependencies, the compiled server, the built client and the data files it reads.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY client/package.json client/
RUN npm ci --omit=dev --no-audit --no-fund
COPY migrations migrations
COPY fixtures fixtures
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
ENV HOST=0.0.0.0 PORT=3000
EXPOSE 3000
CMD ["node", "server/dist/server.js"]
