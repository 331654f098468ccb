package org.sunshine.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A browser without JavaScript for page tests: cookies kept, forms posted with the token of the page they are on. */
final class WebPages {

	record Response(int status, String body) {

		Document document() {
			return Jsoup.parse(body);
		}

	}

	private final int port;

	private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	WebPages(int port) {
		this.port = port;
	}

	Response get(String path) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "en-US").header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	/** Posts the form {@code formSelector} of {@code page}, as a person would: its CSRF token and these fields. */
	Response submit(String page, String formSelector, Map<String, ?> fields) throws Exception {
		String token = get(page).document().select(formSelector + " input[name=_csrf]").first().val();
		Map<String, Object> form = new HashMap<>(fields);
		form.put("_csrf", token);
		String action = get(page).document().select(formSelector).attr("action");
		return post(action, form);
	}

	/** Posts fields as they are (a list value posts the field once per element). */
	Response post(String path, Map<String, ?> fields) throws Exception {
		String body = fields.entrySet().stream()
			.flatMap(entry -> (entry.getValue() instanceof List<?> values ? values : List.of(entry.getValue())).stream()
				.map(value -> entry.getKey() + "=" + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)))
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept-Language", "en-US").header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response.body());
	}

	static ResourceBundle bundle(String language) {
		return ResourceBundle.getBundle("i18n/messages", Locale.forLanguageTag(language));
	}

}
