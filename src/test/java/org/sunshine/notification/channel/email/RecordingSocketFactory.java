package org.sunshine.notification.channel.email;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.SocketFactory;

/**
 * Plain sockets that are kept and counted: how many connections were opened, how many were open at once,
 * how many writes reached each socket, and the options they were connected with.
 */
final class RecordingSocketFactory extends SocketFactory {

	private final List<RecordedSocket> sockets = new CopyOnWriteArrayList<>();

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger mostOpen = new AtomicInteger();

	@Override
	public Socket createSocket() {
		RecordedSocket socket = new RecordedSocket();
		this.sockets.add(socket);
		this.mostOpen.accumulateAndGet(this.open.incrementAndGet(), Math::max);
		return socket;
	}

	// Angus Mail asks for unconnected sockets; the other forms are recorded the same way, then connected.
	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return connected(new InetSocketAddress(host, port), null);
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
	}

	private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
		Socket socket = createSocket();
		if (local != null) {
			socket.bind(local);
		}
		socket.connect(remote);
		return socket;
	}

	List<RecordedSocket> sockets() {
		return this.sockets;
	}

	int created() {
		return this.sockets.size();
	}

	int mostOpenAtOnce() {
		return this.mostOpen.get();
	}

	long writes() {
		return this.sockets.stream().mapToLong(RecordedSocket::writes).sum();
	}

	final class RecordedSocket extends Socket {

		private final AtomicBoolean closed = new AtomicBoolean();

		private final AtomicLong writes = new AtomicLong();

		long writes() {
			return this.writes.get();
		}

		@Override
		public OutputStream getOutputStream() throws IOException {
			return new FilterOutputStream(super.getOutputStream()) {

				@Override
				public void write(int b) throws IOException {
					RecordedSocket.this.writes.incrementAndGet();
					this.out.write(b);
				}

				@Override
				public void write(byte[] b, int off, int len) throws IOException {
					RecordedSocket.this.writes.incrementAndGet();
					this.out.write(b, off, len);
				}

			};
		}

		@Override
		public synchronized void close() throws IOException {
			if (this.closed.compareAndSet(false, true)) {
				RecordingSocketFactory.this.open.decrementAndGet();
			}
			super.close();
		}

	}

}
