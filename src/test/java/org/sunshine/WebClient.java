package org.sunshine;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A plain HTTP client that behaves like a browser without JavaScript: keeps cookies, and posts forms
 * with the CSRF token the page carried. For tests that drive the resident pages without Chromium.
 */
public class WebClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NORMAL).build();

	private final String base;

	private String lastPage = "";

	public WebClient(String base) {
		this.base = base;
	}

	public HttpResponse<String> get(String path) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		lastPage = response.body();
		return response;
	}

	/** Posts a form as the last page would, with its CSRF token. */
	public HttpResponse<String> submit(String path, Map<String, String> fields) throws Exception {
		Map<String, String> form = new LinkedHashMap<>(fields);
		Matcher csrf = CSRF.matcher(lastPage);
		if (csrf.find()) {
			form.put("_csrf", csrf.group(1));
		}
		return post(path, form, Map.of());
	}

	public HttpResponse<String> post(String path, Map<String, String> form, Map<String, String> headers) throws Exception {
		String body = form.entrySet().stream()
			.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		lastPage = response.body();
		return response;
	}

	private URI uri(String path) {
		return URI.create(path.startsWith("http") ? path : base + path);
	}

}
