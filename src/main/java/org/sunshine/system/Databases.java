package org.sunshine.system;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database Sunshine runs on: PostgreSQL (several nodes may share it) or the embedded H2 (one node). */
public final class Databases {

	private Databases() {
	}

	public static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
			return product.toLowerCase().contains("postgres");
		}
		catch (MetaDataAccessException e) {
			throw new IllegalStateException("cannot tell which database this is", e);
		}
	}

}
