package org.sunshine.notification.channel.email;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sockets with TCP_NODELAY. SMTP alternates short writes and waits for replies; with Nagle's algorithm the
 * short tail of a message is held back until the server acknowledges the previous segment, which it delays
 * by some 40 ms, so one connection managed about 22 messages a second. Angus Mail asks the factory found
 * under {@code mail.smtp.socketFactory} for an unconnected socket and connects it itself, then layers TLS
 * over it for smtps or STARTTLS; the socket option carries through the TLS layer.
 */
final class NoDelaySocketFactory extends SocketFactory {

	private final SocketFactory delegate;

	NoDelaySocketFactory(SocketFactory delegate) {
		this.delegate = delegate;
	}

	@Override
	public Socket createSocket() throws IOException {
		return noDelay(this.delegate.createSocket());
	}

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		return noDelay(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
		return noDelay(this.delegate.createSocket(host, port, localHost, localPort));
	}

	@Override
	public Socket createSocket(InetAddress host, int port) throws IOException {
		return noDelay(this.delegate.createSocket(host, port));
	}

	@Override
	public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
			throws IOException {
		return noDelay(this.delegate.createSocket(address, port, localAddress, localPort));
	}

	static Socket noDelay(Socket socket) throws IOException {
		socket.setTcpNoDelay(true);
		return socket;
	}

	/**
	 * For an SSL factory given in {@code mail.smtps.ssl.socketFactory} (Spring Boot puts an SSL bundle's
	 * there): Angus then connects a plain socket itself and hands it to this factory to wrap.
	 */
	static final class Tls extends SSLSocketFactory {

		private final SSLSocketFactory delegate;

		Tls(SSLSocketFactory delegate) {
			this.delegate = delegate;
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			noDelay(socket);
			return this.delegate.createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket() throws IOException {
			return noDelay(this.delegate.createSocket());
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return noDelay(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return noDelay(this.delegate.createSocket(host, port, localHost, localPort));
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return noDelay(this.delegate.createSocket(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return noDelay(this.delegate.createSocket(address, port, localAddress, localPort));
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.delegate.getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.delegate.getSupportedCipherSuites();
		}

	}

}
