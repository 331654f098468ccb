package org.sunshine.system.crypto;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * After every migration, before anything reads contact data: values stored in clear (before sealing began) and
 * values sealed with a key that is no longer the current one are sealed again with the current key, with their
 * look-up hashes. A value sealed with a key Sunshine was not given stops the start, naming the key.
 */
@Component
class Resealing implements Callback {

	private static final Logger log = LoggerFactory.getLogger(Resealing.class);

	private static final int BATCH = 500;

	private final ContactCipher cipher;

	private final ObjectProvider<SealedColumn> columns;

	Resealing(ContactCipher cipher, ObjectProvider<SealedColumn> columns) {
		this.cipher = cipher;
		this.columns = columns;
	}

	@Override
	public boolean supports(Event event, Context context) {
		return event == Event.AFTER_MIGRATE;
	}

	@Override
	public boolean canHandleInTransaction(Event event, Context context) {
		return true;
	}

	@Override
	public void handle(Event event, Context context) {
		try {
			for (SealedColumn column : columns.orderedStream().toList()) {
				int count = reseal(context.getConnection(), column);
				if (count > 0) {
					log.info("Sealed {} value(s) of {}.{} with the current key", count, column.table(), column.column());
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not re-seal contact data", ex);
		}
	}

	@Override
	public String getCallbackName() {
		return "reseal-contact-data";
	}

	private int reseal(Connection connection, SealedColumn column) throws SQLException {
		List<Stale> stale = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("select " + column.key() + ", " + column.column()
				+ " from " + column.table() + " where " + column.column() + " is not null and " + column.column() + " not like ?")) {
			select.setString(1, cipher.currentPrefix() + "%");
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					stale.add(new Stale(rows.getObject(1), rows.getString(2)));
				}
			}
		}
		String update = "update " + column.table() + " set " + column.column() + " = ?"
				+ (column.hashColumn() == null ? "" : ", " + column.hashColumn() + " = ?") + " where " + column.key()
				+ " = ? and " + column.column() + " = ?";
		try (PreparedStatement statement = connection.prepareStatement(update)) {
			int pending = 0;
			for (Stale row : stale) {
				String plain = cipher.open(row.value());
				int index = 1;
				statement.setString(index++, cipher.seal(plain));
				if (column.hashColumn() != null) {
					statement.setString(index++, cipher.lookup(plain));
				}
				statement.setObject(index++, row.key());
				statement.setString(index, row.value());
				statement.addBatch();
				if (++pending == BATCH) {
					statement.executeBatch();
					pending = 0;
				}
			}
			if (pending > 0) {
				statement.executeBatch();
			}
		}
		return stale.size();
	}

	private record Stale(Object key, String value) {
	}

}
