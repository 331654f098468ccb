package org.sunshine.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.subscription.ImportResult;
import org.sunshine.subscription.SubscriberImport;

import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /api/admin/subscribers/import}: a city's existing alert list as CSV. The body is handed to the
 * subscription module as a stream, never read whole; Tomcat puts no size cap on such a body.
 */
@RestController
class AdminSubscriberImportController {

	private final SubscriberImport subscriberImport;

	AdminSubscriberImportController(SubscriberImport subscriberImport) {
		this.subscriberImport = subscriberImport;
	}

	record ImportResponse(long imported, long skipped, List<RowError> errors, long errorsNotListed) {
	}

	/** {@code field} is shown as null when the row as a whole is at fault (wrong number of values, unreadable). */
	record RowError(long line, @JsonInclude(JsonInclude.Include.ALWAYS) String field, String detail) {
	}

	@PostMapping(path = "/api/admin/subscribers/import", consumes = "text/csv")
	ImportResponse importCsv(InputStream body, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
			HttpServletRequest request) {
		Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
		try {
			ImportResult result = subscriberImport.importCsv(body, charset, "import " + request.getRemoteAddr());
			return new ImportResponse(result.imported(), result.skipped(), result.errors().stream()
				.map(error -> new RowError(error.line(), error.field(), error.detail())).toList(), result.errorsNotListed());
		}
		finally {
			drain(body);
		}
	}

	/**
	 * Reads what is left of an upload the import stopped early (a wrong header, an unreadable line). Tomcat
	 * would otherwise close the connection past 2 MB unread, and a client still sending may lose the answer.
	 */
	private static void drain(InputStream body) {
		try {
			body.transferTo(OutputStream.nullOutputStream());
		}
		catch (IOException e) {
			// The client is gone; no one is left to answer.
		}
	}

}
