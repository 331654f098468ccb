package org.sunshine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicUrlTests {

	@Test
	void aConfiguredAddressWinsWithoutItsTrailingSlash() {
		PublicUrl url = new PublicUrl(URI.create("https://alerts.example.org/"), new MockEnvironment().withProperty("server.port", "18431"));
		assertThat(url.base()).isEqualTo("https://alerts.example.org");
		assertThat(url.derived()).isFalse();
	}

	@Test
	void unsetItFollowsTheConfiguredPortBeforeTheServerRuns() {
		assertThat(new PublicUrl(null, new MockEnvironment().withProperty("server.port", "18431")).base())
			.isEqualTo("http://localhost:18431");
		assertThat(new PublicUrl(URI.create(""), new MockEnvironment()).base()).isEqualTo("http://localhost:8080");
	}

	@Test
	void unsetItNamesTheBoundAddressTlsAndContextPath() {
		MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8443")
			.withProperty("server.address", "192.0.2.10")
			.withProperty("server.ssl.enabled", "true")
			.withProperty("server.servlet.context-path", "/sunshine/");
		assertThat(new PublicUrl(null, environment).base()).isEqualTo("https://192.0.2.10:8443/sunshine");
		assertThat(new PublicUrl(null, new MockEnvironment().withProperty("server.address", "0.0.0.0")).base())
			.isEqualTo("http://localhost:8080");
	}

}
