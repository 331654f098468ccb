package org.sunshine.feed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.sunshine.system.Databases;

/**
 * One poll of a feed at a time across every node. Quartz already runs one feed's job on one node at a time;
 * this also covers "poll now" from the admin API, which runs in the caller's thread on whichever node took
 * the request. On PostgreSQL it is a session advisory lock per feed, held by a connection of its own for the
 * length of the poll (a node that dies loses its connection, and so its lock); on H2 (one node) nothing is
 * needed beyond the poller's own lock.
 */
@Component
class FeedLocks {

	private static final Logger log = LoggerFactory.getLogger(FeedLocks.class);

	/** The advisory lock space of feed polls (the first of PostgreSQL's two-integer lock keys). */
	private static final int FEED_POLLS = 0x5EED;

	/** A held lock; closing it releases it. */
	interface Held extends AutoCloseable {

		@Override
		void close();

	}

	private final DataSource dataSource;

	private final boolean shared;

	FeedLocks(DataSource dataSource) {
		this.dataSource = dataSource;
		this.shared = Databases.isPostgres(dataSource);
	}

	/** Waits until no other node polls the feed, and holds it until closed. */
	Held lock(String feedId) {
		if (!shared) {
			return () -> {
			};
		}
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			run(connection, "select pg_advisory_lock(?, ?)", feedId);
		}
		catch (SQLException e) {
			close(connection);
			throw new IllegalStateException("could not lock feed " + feedId + " for polling: " + e.getMessage(), e);
		}
		Connection held = connection;
		return () -> {
			try {
				run(held, "select pg_advisory_unlock(?, ?)", feedId);
			}
			catch (SQLException e) {
				log.warn("Feed {}: poll lock not released cleanly ({}); closing its connection releases it", feedId,
						e.getMessage());
			}
			finally {
				close(held);
			}
		};
	}

	private static void run(Connection connection, String sql, String feedId) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, FEED_POLLS);
			statement.setInt(2, key(connection.getSchema(), feedId));
			statement.execute();
		}
	}

	/**
	 * Advisory locks belong to the database, not to a schema: the key names the schema too, so two Sunshines
	 * in two schemas of one database never wait for each other (two feeds that hash alike only take turns).
	 */
	static int key(String schema, String feedId) {
		return (schema + "/" + feedId).hashCode();
	}

	private static void close(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException e) {
				log.debug("Closing a feed lock's connection failed: {}", e.getMessage());
			}
		}
	}

}
