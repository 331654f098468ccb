package org.sunshine.notification.channel.email;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;

import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * A few connected SMTP transports shared by concurrent senders: connecting, greeting and EHLO cost more than
 * sending a message, so a connection carries up to {@code messagesPerConnection} messages. A semaphore caps
 * the connections in use; idle ones wait newest-first, so a burst reuses warm connections and the rest age
 * out. A plain semaphore and deque rather than Commons Pool2: Pool2 is not on the classpath, and its
 * evictor reads the system time, where this pool takes the injected {@link Clock}.
 */
final class SmtpConnectionPool implements AutoCloseable {

	/** One connected transport; borrowed by one sender at a time. */
	static final class Connection {

		private final Transport transport;

		private final boolean eightBitMime;

		private int sent;

		private Instant lastUsed;

		private Connection(Transport transport) {
			this.transport = transport;
			this.eightBitMime = transport instanceof SMTPTransport smtp && smtp.supportsExtension("8BITMIME");
		}

		Transport transport() {
			return this.transport;
		}

		/** Whether the server announced 8BITMIME in its reply to this connection's EHLO. */
		boolean eightBitMime() {
			return this.eightBitMime;
		}

		/** Whether it carried messages before: then a dead socket is most likely one that went stale idle. */
		boolean reused() {
			return this.sent > 0;
		}

	}

	private final SmtpServer server;

	private final int messagesPerConnection;

	private final Duration idleTimeout;

	private final Clock clock;

	private final Semaphore inUse;

	private volatile boolean eightBitMime;

	private final Deque<Connection> idle = new ArrayDeque<>();

	private final ScheduledExecutorService sweeper;

	private volatile boolean closed;

	SmtpConnectionPool(SmtpServer server, int connections, int messagesPerConnection, Duration idleTimeout, Clock clock) {
		this.server = server;
		this.messagesPerConnection = messagesPerConnection;
		this.idleTimeout = idleTimeout;
		this.clock = clock;
		this.inUse = new Semaphore(connections, true);
		this.sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "smtp-idle-sweeper");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(idleTimeout.toMillis(), 1000);
		this.sweeper.scheduleWithFixedDelay(this::closeIdle, period, period, TimeUnit.MILLISECONDS);
	}

	/** An idle connection, or a new one; blocks while all connections are in use. */
	Connection borrow() throws MessagingException, InterruptedException {
		this.inUse.acquire();
		try {
			Connection idle = takeIdle();
			return (idle != null) ? idle : open();
		}
		catch (MessagingException | RuntimeException ex) {
			this.inUse.release();
			throw ex;
		}
	}

	/** A new connection, for a retry after a reused one turned out dead; blocks like {@link #borrow()}. */
	Connection borrowNew() throws MessagingException, InterruptedException {
		this.inUse.acquire();
		try {
			return open();
		}
		catch (MessagingException | RuntimeException ex) {
			this.inUse.release();
			throw ex;
		}
	}

	/** Back to the pool after a message went through, or closed once it has carried its share. */
	void release(Connection connection) {
		try {
			connection.sent++;
			connection.lastUsed = this.clock.instant();
			boolean keep = connection.sent < this.messagesPerConnection && !this.closed;
			if (keep) {
				synchronized (this.idle) {
					this.idle.push(connection);
				}
			}
			else {
				closeQuietly(connection);
			}
		}
		finally {
			this.inUse.release();
		}
	}

	/** After a failure the SMTP state of a connection is unknown, so it is closed, never reused. */
	void discard(Connection connection) {
		try {
			closeQuietly(connection);
		}
		finally {
			this.inUse.release();
		}
	}

	/** Closes connections idle longer than the idle timeout; the sweeper calls it, tests may too. */
	void closeIdle() {
		Instant now = this.clock.instant();
		List<Connection> expired = new ArrayList<>();
		synchronized (this.idle) {
			for (Iterator<Connection> it = this.idle.iterator(); it.hasNext();) {
				Connection connection = it.next();
				if (isExpired(connection, now)) {
					it.remove();
					expired.add(connection);
				}
			}
		}
		expired.forEach(SmtpConnectionPool::closeQuietly);
	}

	@Override
	public void close() {
		this.closed = true;
		this.sweeper.shutdownNow();
		List<Connection> all;
		synchronized (this.idle) {
			all = new ArrayList<>(this.idle);
			this.idle.clear();
		}
		all.forEach(SmtpConnectionPool::closeQuietly);
	}

	private Connection takeIdle() {
		Instant now = this.clock.instant();
		List<Connection> expired = new ArrayList<>();
		Connection found = null;
		synchronized (this.idle) {
			while (found == null && !this.idle.isEmpty()) {
				Connection newest = this.idle.pop();
				if (isExpired(newest, now)) {
					expired.add(newest);
				}
				else {
					found = newest;
				}
			}
		}
		expired.forEach(SmtpConnectionPool::closeQuietly);
		return found;
	}

	private boolean isExpired(Connection connection, Instant now) {
		return !connection.lastUsed.plus(this.idleTimeout).isAfter(now);
	}

	/**
	 * Whether the server announced 8BITMIME on the connection opened last: senders build their messages before
	 * they borrow one, for the server as it was last seen (a message built so for a server that no longer
	 * announces it is built again, see {@link Connection#eightBitMime()}).
	 */
	boolean serverAnnouncesEightBitMime() {
		return this.eightBitMime;
	}

	private Connection open() throws MessagingException {
		Transport transport = this.server.session().getTransport(this.server.protocol());
		transport.connect(this.server.host(), this.server.port(), this.server.username(), this.server.password());
		Connection connection = new Connection(transport);
		this.eightBitMime = connection.eightBitMime();
		return connection;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.transport.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// Closing a connection we no longer want; its QUIT failing changes nothing.
		}
	}

}
