package org.sunshine.system.crypto;

/**
 * A column whose values are sealed ({@link ContactCipher}), declared as a bean by the module that owns its table, so
 * that start-up re-sealing covers it: values written before sealing began and values sealed with a rotated-out key
 * are sealed again with the current key, and the look-up hash beside them is written again.
 *
 * @param table the table
 * @param key its primary key column
 * @param column the sealed column
 * @param hashColumn the look-up hash of the column's value, or null when it has none
 */
public record SealedColumn(String table, String key, String column, String hashColumn) {

	public static SealedColumn of(String table, String key, String column) {
		return new SealedColumn(table, key, column, null);
	}

	public static SealedColumn hashed(String table, String key, String column, String hashColumn) {
		return new SealedColumn(table, key, column, hashColumn);
	}

}
