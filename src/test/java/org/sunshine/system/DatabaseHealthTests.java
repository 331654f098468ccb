package org.sunshine.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class DatabaseHealthTests {

	private final DatabaseHealthConfiguration configuration = new DatabaseHealthConfiguration();

	@Test
	void upWhileTheDatabaseAnswers() {
		HealthIndicator database = configuration
			.databaseHealthIndicator(new DriverManagerDataSource("jdbc:h2:mem:health-up;DB_CLOSE_DELAY=-1", "sa", ""));
		assertThat(database.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void downWhenItCannotBeReached() {
		HealthIndicator database = configuration
			.databaseHealthIndicator(new DriverManagerDataSource("jdbc:h2:tcp://localhost:1/nowhere", "sa", ""));
		assertThat(database.health().getStatus()).isEqualTo(Status.DOWN);
	}

}
