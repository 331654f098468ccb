package org.sunshine.system;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every JSON error is an RFC 9457 problem detail; a bad field is named in {@code errors[].field}
 * and in the detail text, so a client (or a person reading curl output) knows what to fix.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	@ExceptionHandler(InvalidFieldException.class)
	ProblemDetail invalidField(InvalidFieldException e) {
		return fieldProblem(List.of(new FieldError(e.field(), e.getMessage())));
	}

	@ExceptionHandler(TooManyRequestsException.class)
	ProblemDetail tooMany(TooManyRequestsException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
		problem.setTitle("Too many requests");
		return problem;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
		problem.setTitle("Not found");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
			.map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
			.toList();
		return ResponseEntity.badRequest().body(fieldProblem(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyLimitFilter.TooLarge tooLarge) {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
				problem.setTitle("Content too large");
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
			}
		}
		String field = JsonErrorField.of(e);
		String detail = field == null ? "The request body is not valid JSON of the expected shape."
				: "Field '" + field + "' has a value of the wrong type or format.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Malformed request");
		if (field != null) {
			problem.setProperty("errors", List.of(Map.of("field", field, "message", "wrong type or format")));
		}
		return ResponseEntity.badRequest().body(problem);
	}

	private static ProblemDetail fieldProblem(List<FieldError> errors) {
		String detail = errors.stream().map(error -> error.field() + ": " + error.message())
			.reduce((a, b) -> a + "; " + b).orElse("Invalid request");
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setType(URI.create("about:blank"));
		problem.setProperty("errors", errors.stream()
			.map(error -> Map.of("field", error.field(), "message", error.message())).toList());
		return problem;
	}

	private record FieldError(String field, String message) {
	}

}
