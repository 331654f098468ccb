package org.sunshine.system.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sunshine.SunshineApplication;
import org.sunshine.subscription.Channel;
import org.sunshine.subscription.NewSubscription;
import org.sunshine.subscription.Subscriptions;

/**
 * The operator's side of sealing, on one database across restarts: data stored in clear before sealing began is
 * sealed at the first start; a new key seals everything again at start while the old one is still listed, so
 * that look-ups, opt-outs and sending go on; once resealed, the old key can go; and a database sealed with a
 * key the start was not given refuses to start rather than lose its people.
 */
class KeyRotationTests {

	static final String OLD_KEY = ContactCipherTest.KEY;

	static final String NEW_KEY = ContactCipherTest.NEW_KEY;

	final String database = "jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000";

	@Test
	void rowsStoredInClearBeforeSealingAreSealedAtTheFirstStart() {
		Flyway.configure().dataSource(database, "sa", "")
			.locations("classpath:db/migration/common", "classpath:db/migration/h2").target("17").load().migrate();
		JdbcClient before = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(database, "sa", ""));
		before.sql("insert into subscriber (public_id, language, timezone, delivery, reminders, created_at) "
				+ "values ('p-1', 'en', '', 'IMMEDIATE', '', current_timestamp)").update();
		before.sql("insert into contact_point (subscriber_id, channel, address, consent, consent_source, created_at) "
				+ "select id, 'SMS', '+13055550142', 'CONFIRMED', 'web 203.0.113.7', current_timestamp from subscriber").update();
		before.sql("insert into sms_opt_out (number, keyword, opted_out_at) values ('+13055550199', 'STOP', current_timestamp)")
			.update();

		try (ConfigurableApplicationContext app = start(OLD_KEY)) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			assertThat(stored(jdbc)).allMatch(value -> value.startsWith(prefix(OLD_KEY)));
			Subscriptions subscriptions = app.getBean(Subscriptions.class);
			assertThat(subscriptions.maySend(Channel.SMS, "+13055550142", false)).isTrue();
			assertThat(subscriptions.isOptedOut("+13055550199")).as("a STOP given before sealing is kept").isTrue();
			assertThat(subscriptions.recipient(jdbc.sql("select id from subscriber").query(Long.class).single()).orElseThrow()
				.confirmed().get(0).address()).isEqualTo("+13055550142");
		}
	}

	@Test
	void aNewKeySealsEverythingAgainAndTheOldKeyCanThenBeDropped() {
		try (ConfigurableApplicationContext app = start(OLD_KEY)) {
			Subscriptions subscriptions = app.getBean(Subscriptions.class);
			subscriptions.subscribe(new NewSubscription("vecina@example.org", "+13055550142", "es", List.of("stormwater"),
					List.of(), null, null, null, null, null, "test"), "203.0.113.7");
			app.getBean(JdbcClient.class).sql("update contact_point set consent = 'CONFIRMED'").update();
			subscriptions.receiveSms("+13055550177", "STOP");
			assertThat(stored(app.getBean(JdbcClient.class))).allMatch(value -> value.startsWith(prefix(OLD_KEY)));
		}

		try (ConfigurableApplicationContext app = start(NEW_KEY, OLD_KEY)) {
			assertThat(stored(app.getBean(JdbcClient.class))).isNotEmpty().allMatch(value -> value.startsWith(prefix(NEW_KEY)));
		}

		try (ConfigurableApplicationContext app = start(NEW_KEY)) {
			Subscriptions subscriptions = app.getBean(Subscriptions.class);
			assertThat(subscriptions.maySend(Channel.EMAIL, "vecina@example.org", false)).isTrue();
			assertThat(subscriptions.maySend(Channel.SMS, "+13055550142", false)).isTrue();
			assertThat(subscriptions.isOptedOut("+13055550177")).as("a STOP outlives the rotation").isTrue();
		}

		assertThatThrownBy(() -> start(OLD_KEY).close()).rootCause()
			.hasMessageContaining("sealed with key " + prefix(NEW_KEY).substring(4, 12))
			.hasMessageContaining("sunshine.crypto.previous-keys");
	}

	private ConfigurableApplicationContext start(String key, String... previous) {
		List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database, "--server.port=0",
				"--sunshine.feeds-file=target/no-feeds.yml", "--sunshine.outbox-dir=target/test-outbox/rotation",
				"--sunshine.crypto.key=" + key));
		for (int i = 0; i < previous.length; i++) {
			args.add("--sunshine.crypto.previous-keys[" + i + "]=" + previous[i]);
		}
		return new SpringApplicationBuilder(SunshineApplication.class).profiles("test").run(args.toArray(String[]::new));
	}

	/** Every sealed value in the database. */
	private static List<String> stored(JdbcClient jdbc) {
		return jdbc.sql("""
				select address from contact_point union all select consent_source from contact_point where consent_source is not null
				union all select requested_source from contact_point where requested_source is not null
				union all select destination from notification union all select number from sms_opt_out""")
			.query(String.class).list();
	}

	private static String prefix(String key) {
		return ContactCipher.forKey(key).currentPrefix();
	}

}
