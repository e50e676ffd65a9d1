import net from 'node:net';

export interface TcpProxy {
  /** The target's URL with the proxy's host and port in it. */
  url: string;
  /** Connections open through the proxy now. */
  open(): number;
  /** Cuts every open connection, as a network failure would (no close frame, no FIN handshake). */
  cut(): void;
  /** Refuses new connections until `heal()`: a gap. */
  partition(): void;
  heal(): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy in front of a service, for tests that take the network away from under a connection
 * (the router's upstream websocket) and give it back.
 */
export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let partitioned = false;
  const server = net.createServer((client) => {
    if (partitioned) return void client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(targetUrl);
  url.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return {
    url: url.toString(),
    open: () => sockets.size / 2,
    cut: () => {
      for (const socket of sockets) socket.resetAndDestroy();
    },
    partition: () => {
      partitioned = true;
    },
    heal: () => {
      partitioned = false;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
