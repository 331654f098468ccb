package org.sunshine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.ResourceBundle;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The resident pages: the browser's language, the switcher, labelled fields, no JavaScript needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"sunshine.feeds-file=src/test/resources/org/sunshine/web/feeds.yml", "sunshine.admin.password=secret",
		"sunshine.outbox-dir=target/test-outbox/api" })
@ActiveProfiles("test")
class ResidentPagesTests {

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "Accept-Language {0}")
	@ValueSource(strings = { "en-US", "es-MX", "ht" })
	void frontPageSpeaksTheBrowsersLanguage(String acceptLanguage) throws Exception {
		Locale locale = Locale.forLanguageTag(acceptLanguage);
		Document page = page("/", acceptLanguage, HttpClient.newHttpClient());
		assertThat(page.select("h1").text()).isEqualTo(bundle(locale).getString("signup.title"));
		assertThat(page.select("html").attr("lang")).isEqualTo(locale.getLanguage());
		assertThat(page.select("script")).isEmpty();
		assertThat(page.select("form[method=post] input[name=_csrf]")).isNotEmpty();
	}

	@Test
	void switcherChoiceOutlivesTheBrowsersLanguage() throws Exception {
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		page("/?lang=ht", "en-US", browser);
		assertThat(page("/meetings", "en-US", browser).select("h1").text())
			.isEqualTo(bundle(Locale.forLanguageTag("ht")).getString("meetings.title"));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/", "/meetings" })
	void everyFieldHasALabel(String path) throws Exception {
		Document page = page(path, "es", HttpClient.newHttpClient());
		for (Element field : page.select("input:not([type=hidden]), select, textarea")) {
			assertThat(page.select("label[for=" + field.id() + "]")).as("label for " + field.id()).isNotEmpty();
		}
		assertThat(page.select("meta[name=viewport]").attr("content")).contains("width=device-width");
	}

	private Document page(String path, String acceptLanguage, HttpClient client) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", acceptLanguage).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return Jsoup.parse(response.body());
	}

	private static ResourceBundle bundle(Locale locale) {
		return ResourceBundle.getBundle("i18n/messages", new Locale(locale.getLanguage()));
	}

}
