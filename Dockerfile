# baocao in a container: Node 20 on Debian, the project built from this folder.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm install && npm prune --omit=dev
ENV NODE_ENV=production
ENTRYPOINT []
