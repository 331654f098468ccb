package org.sunshine.notification.channel.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few lines of SMTP on a real socket, for what GreenMail will not do: connection n follows script n (the
 * last one repeats), each connection on its own thread.
 */
final class ScriptedSmtpServer implements AutoCloseable {

	enum Script {

		/** Accepts every message. */
		ACCEPT,

		/** Reads the DATA command and a line of the message, then closes the socket. */
		HANG_UP_DURING_DATA,

		/** Accepts one message, then closes the connection as a server's idle timeout would. */
		ACCEPT_ONE_THEN_HANG_UP,

		/** Accepts one message, then says 421 and closes, as Postfix does on its idle timeout. */
		ACCEPT_ONE_THEN_421,

		/** Announces 8BITMIME in its reply to EHLO, as Postfix does, and accepts every message. */
		ACCEPT_8BITMIME

	}

	private final ServerSocket server;

	private final List<Script> scripts;

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger accepted = new AtomicInteger();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** What one accepted message came with: its MAIL FROM command, and its octets as they crossed the socket. */
	record Received(String mailFrom, byte[] data) {
	}

	private final Thread acceptor;

	ScriptedSmtpServer(Script... scripts) throws IOException {
		this.server = new ServerSocket(0);
		this.scripts = List.of(scripts);
		this.acceptor = new Thread(this::acceptAll, "scripted-smtp");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	int port() {
		return this.server.getLocalPort();
	}

	int connections() {
		return this.connections.get();
	}

	int messagesAccepted() {
		return this.accepted.get();
	}

	/** The messages accepted, in order. */
	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

	private void acceptAll() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				int n = this.connections.getAndIncrement();
				Script script = this.scripts.get(Math.min(n, this.scripts.size() - 1));
				Thread conversation = new Thread(() -> converse(socket, script), "scripted-smtp-" + n);
				conversation.setDaemon(true);
				conversation.start();
			}
			catch (IOException closed) {
				return;
			}
		}
	}

	private void converse(Socket socket, Script script) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
				PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII)) {
			reply(out, "220 scripted ESMTP");
			String line;
			String mailFrom = null;
			while ((line = in.readLine()) != null) {
				String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
				switch (command) {
					case "EHLO" -> reply(out, script == Script.ACCEPT_8BITMIME ? "250-scripted\r\n250 8BITMIME" : "250 scripted");
					case "MAIL" -> {
						mailFrom = line;
						reply(out, "250 OK");
					}
					case "DATA" -> {
						reply(out, "354 go ahead");
						if (script == Script.HANG_UP_DURING_DATA) {
							in.readLine();
							return;
						}
						StringBuilder data = new StringBuilder();
						for (String next = in.readLine(); !".".equals(next); next = in.readLine()) {
							data.append(next).append("\r\n");
						}
						this.received.add(new Received(mailFrom, data.toString().getBytes(StandardCharsets.ISO_8859_1)));
						this.accepted.incrementAndGet();
						reply(out, "250 2.0.0 queued");
						if (script == Script.ACCEPT_ONE_THEN_421) {
							reply(out, "421 4.4.2 scripted Error: timeout exceeded");
						}
						if (script != Script.ACCEPT && script != Script.ACCEPT_8BITMIME) {
							return;
						}
					}
					case "QUIT" -> {
						reply(out, "221 Bye");
						return;
					}
					default -> reply(out, "250 OK");
				}
			}
		}
		catch (IOException ex) {
			// The client went away; the test asserts on what the sender returned.
		}
	}

	private static void reply(PrintWriter out, String line) {
		out.print(line + "\r\n");
		out.flush();
	}

}
