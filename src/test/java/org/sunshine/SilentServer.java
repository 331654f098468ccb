package org.sunshine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stalled source: it takes connections and never answers, or sends the beginning of an answer and then nothing.
 * A client's only possible outcome is its own timeout, however fast or slow the machine is; WireMock's delays end,
 * and a slow enough machine can lose that race.
 */
public final class SilentServer implements AutoCloseable {

	private final ServerSocket server;

	private final byte[] beginning;

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private SilentServer(String beginning) {
		this.beginning = beginning.getBytes(StandardCharsets.US_ASCII);
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		Thread acceptor = new Thread(this::accept, "silent-server-" + server.getLocalPort());
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Reads nothing and sends nothing, not even a status line. */
	public static SilentServer neverAnswering() {
		return new SilentServer("");
	}

	/** Sends {@code beginning} (a status line, headers, part of a body) to each connection, then nothing more. */
	public static SilentServer stoppingAfter(String beginning) {
		return new SilentServer(beginning);
	}

	/** An http URL of this server (by IP address, so that "localhost" resolving to ::1 cannot miss it). */
	public URI uri(String path) {
		return URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + path);
	}

	private void accept() {
		while (!server.isClosed()) {
			try {
				Socket connection = server.accept();
				connections.add(connection);
				connection.getOutputStream().write(beginning);
				connection.getOutputStream().flush();
			}
			catch (IOException e) {
				return; // closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		server.close();
		for (Socket connection : connections) {
			connection.close();
		}
	}

}
