package org.sunshine.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.sunshine.system.TooManyRequestsException;

/** A room full of people signs up from one network; one address or number still gets few confirmations. */
class SignupRateLimiterTests {

	/** The shipped defaults, as Spring binds them when nothing is configured. */
	static SubscriptionProperties defaults() {
		return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("sunshine.subscription",
				SubscriptionProperties.class);
	}

	final SignupRateLimiter limiter = new SignupRateLimiter(defaults(), h2(),
			Clock.fixed(Instant.parse("2025-07-08T20:00:00Z"), ZoneOffset.UTC));

	@Test
	void aRoomOfTwoHundredSignsUpFromOneNetworkAtOnce() {
		for (int person = 0; person < 200; person++) {
			limiter.checkClient("203.0.113.7");
			limiter.checkDestination(Channel.EMAIL, "person" + person + "@example.org");
		}
		assertThatThrownBy(() -> limiter.checkClient("203.0.113.7")).isInstanceOf(TooManyRequestsException.class)
			.satisfies(e -> assertThat(((TooManyRequestsException) e).limit()).isEqualTo("client"));
		limiter.checkClient("198.51.100.1");
	}

	@Test
	void oneAddressStillGetsOnlyThreeConfirmationsADayFromAnyNetwork() {
		for (int i = 0; i < 3; i++) {
			limiter.checkDestination(Channel.EMAIL, "target@example.org");
		}
		assertThatThrownBy(() -> limiter.checkDestination(Channel.EMAIL, "target@example.org"))
			.isInstanceOf(TooManyRequestsException.class)
			.satisfies(e -> assertThat(((TooManyRequestsException) e).limit()).isEqualTo("destination"));
	}

	@Test
	void shippedDefaultsAreTwoHundredSignUpsAnHourAndThreeConfirmationsADay() {
		assertThat(defaults().signupsPerClientPerHour()).isEqualTo(200);
		assertThat(defaults().confirmationsPerDestinationPerDay()).isEqualTo(3);
	}

	private static JdbcDataSource h2() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:limiter;DB_CLOSE_DELAY=-1");
		return dataSource;
	}

}
