package org.sunshine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;
import org.sunshine.feed.catalogue.InvalidFeedCatalogueException;

@ExtendWith(OutputCaptureExtension.class)
class StartupTests {

	@Test
	void refusesToStartWithAnInvalidCatalogueAndSaysWhichFeedAndField(@TempDir Path dir, CapturedOutput output)
			throws Exception {
		Path feeds = dir.resolve("feeds.yml");
		Files.writeString(feeds, """
				feeds:
				  - id: key-west
				    name: City of Key West
				    type: legistar
				    url: https://webapi.legistar.com/v1/keywest
				    timezone: America/Key_West
				    every: 15m
				""");
		Throwable failure = catchThrowable(() -> SpringApplication.run(SunshineApplication.class,
				"--spring.profiles.active=test", "--server.port=0", "--sunshine.feeds-file=" + feeds,
				"--sunshine.outbox-dir=" + dir.resolve("outbox")));
		assertThat(NestedExceptionUtils.getMostSpecificCause(failure)).isInstanceOf(InvalidFeedCatalogueException.class)
			.hasMessageContaining("feed 'key-west': field 'timezone': unknown IANA time zone 'America/Key_West'");
		assertThat(output).contains("APPLICATION FAILED TO START").contains("feed 'key-west': field 'timezone'");
	}

}
