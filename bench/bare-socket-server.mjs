// The baseline of bench:deliberation: a bare socket.io server that does what the room does on the
// wire and nothing else — join a room, acknowledge a posted message, broadcast it with a seq in the
// same event shape. The ratio of our latency to this one is our overhead (validation, the database
// transaction, ordering). Prints its port on stdout.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'] });
const rooms = io.of('/deliberation');
let seq = 0;
rooms.on('connection', (socket) => {
  socket.on('session.join', (payload, ack) => {
    void socket.join(`session:${payload.sessionId}`);
    ack({ ok: true, seq });
  });
  socket.on('message.post', (payload, ack) => {
    seq += 1;
    const event = { sessionId: payload.sessionId, seq, type: 'message.posted', at: new Date().toISOString(), actorId: null, data: { id: String(seq), itemIndex: 0, authorId: null, replyTo: null, body: payload.body } };
    rooms.to(`session:${payload.sessionId}`).emit('session.event', event);
    ack({ ok: true, seq });
  });
});
http.listen(0, '127.0.0.1', () => process.stdout.write(`${http.address().port}\n`));
process.on('SIGTERM', () => process.exit(0));
