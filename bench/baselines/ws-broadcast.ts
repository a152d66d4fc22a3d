import { createServer } from 'node:http';

import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The fan-out baseline: a bare `ws` server that, on POST /emit?rate=R&seconds=S, sends pre-serialised
 * event messages to its connected clients (each to its own user) at R events per second.
 */
const sockets = new Map<string, WebSocket>();
let sent = 0;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/stats') {
    res.end(JSON.stringify({ sent, clients: sockets.size }));
    return;
  }
  if (url.pathname !== '/emit') {
    res.end('ok');
    return;
  }
  const rate = Number(url.searchParams.get('rate'));
  const seconds = Number(url.searchParams.get('seconds'));
  const users = [...sockets.keys()];
  const perTick = rate / 100;
  let carry = 0;
  let cursor = 0;
  const ticks = seconds * 100;
  let tick = 0;
  const timer = setInterval(() => {
    carry += perTick;
    for (; carry >= 1; carry--) {
      const user = users[Math.floor(Math.random() * users.length)];
      sockets.get(user)?.send(JSON.stringify({ cursor: String(++cursor), sentAt: Date.now(), type: 'XP_GAINED', amount: 10 }));
      sent++;
    }
    if (++tick >= ticks) clearInterval(timer);
  }, 10);
  res.end('started');
});
const wss = new WebSocketServer({ server });
wss.on('connection', (socket, req) => {
  const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') as string;
  sockets.set(user, socket);
  socket.on('close', () => sockets.delete(user));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
