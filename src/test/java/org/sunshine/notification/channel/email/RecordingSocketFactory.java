package org.sunshine.notification.channel.email;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
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

	// Angus Mail asks for unconnected sockets only; the other forms would bypass the recording.
	@Override
	public Socket createSocket(String host, int port) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Socket createSocket(InetAddress host, int port) {
		throw new UnsupportedOperationException();
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
		throw new UnsupportedOperationException();
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
