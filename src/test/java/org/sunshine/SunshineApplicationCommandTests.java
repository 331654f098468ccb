package org.sunshine;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** The command line {@code feeds detect URL} is dispatched before, and instead of, the application. */
class SunshineApplicationCommandTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void feedsDetectRunsTheCommandWithTheDefaultFetcherAndGivesItsExitCode() {
		wm.stubFor(get(urlPathEqualTo("/ViewPublisher.php")).willReturn(aResponse()
			.withHeader("Content-Type", "text/html").withBody("<html><head><title>City of Duarte, CA - Main View</title></head></html>")));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		var exit = SunshineApplication.command(new String[] { "feeds", "detect", wm.baseUrl() + "/ViewPublisher.php?view_id=3" },
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

		assertThat(exit).hasValue(0);
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("name: \"City of Duarte, CA\"", "type: granicus",
				"timezone: America/Los_Angeles");
	}

	@Test
	void anyOtherCommandLineStartsTheApplication() {
		PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

		assertThat(SunshineApplication.command(new String[] { "--server.port=0" }, nowhere, nowhere)).isEmpty();
		assertThat(SunshineApplication.command(new String[0], nowhere, nowhere)).isEmpty();
	}

}
