// The floor for HTTP throughput on this machine: Fastify answering a small
// JSON object with no auth, no database. Started as its own process like the real server.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ id: 'x', username: 'ducha', name: '张督查', roles: ['supervisor'] }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
console.log('ready');
