package org.sunshine.system;

import javax.sql.DataSource;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The "database" health component (Spring Boot's own "db" is switched off so the name matches the contract);
 * the readiness group includes it: a node that cannot reach its database should get no traffic.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

	@Bean
	HealthIndicator databaseHealthIndicator(DataSource dataSource) {
		return new DataSourceHealthIndicator(dataSource);
	}

}
