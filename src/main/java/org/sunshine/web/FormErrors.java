package org.sunshine.web;

import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.sunshine.language.InterestSyntaxException;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.TooManyRequestsException;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A form's errors in the page's language and in residents' words: a module names the field at fault (for the
 * API, in developers' words); a page says once, beside that field, what to write instead.
 */
@Component
class FormErrors {

	private final MessageSource messages;

	FormErrors(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * Runs {@code action}; if a field is wrong or a limit reached, puts the resident's message in the model
	 * ({@code field} and {@code fieldError} for a field, {@code error} for the page) and sets the status.
	 *
	 * @return whether the action succeeded
	 */
	boolean tryCall(Supplier<?> action, Model model, HttpServletResponse response, Locale locale) {
		try {
			action.get();
			return true;
		}
		catch (InvalidFieldException e) {
			response.setStatus(400);
			String field = field(e.field());
			model.addAttribute("field", field);
			model.addAttribute("fieldError", fieldMessage(e, locale));
			model.addAttribute("error", messages.getMessage("error.title", null, locale));
			return false;
		}
		catch (TooManyRequestsException e) {
			response.setStatus(429);
			model.addAttribute("error", tooMany(e, locale));
			return false;
		}
	}

	/** The form field an error belongs to: "interests[2]" is the interests box, "quietHours.from" the from box. */
	static String field(String field) {
		return switch (field.replaceAll("\\[\\d+]$", "")) {
			case "quietHours.from" -> "quietFrom";
			case "quietHours.to" -> "quietTo";
			case "interests" -> "interests";
			default -> field.replaceAll("\\[\\d+]$", "");
		};
	}

	String fieldMessage(InvalidFieldException e, Locale locale) {
		if (e instanceof InterestSyntaxException syntax) {
			return messages.getMessage("field.error.syntax", new Object[] { syntax.position() }, locale);
		}
		String key = switch (e.field().replaceAll("\\[\\d+]$", "")) {
			// Neither an email nor a phone: the email field says "one of the two".
			case "email" -> e.getMessage().startsWith("give ") ? "field.error.contact" : "field.error.email";
			case "interests" -> e.field().endsWith("]") ? "field.error.term" : "field.error.interests";
			case "quietHours.from", "quietHours.to" -> "field.error.quietHours";
			case "phone" -> e.getMessage().startsWith("the phone is the only") ? "field.error.phoneOnly" : "field.error.phone";
			case "language", "delivery", "timezone", "digestHour", "feeds", "reminders" ->
				"field.error." + e.field().replaceAll("\\[\\d+]$", "");
			default -> "field.error.other";
		};
		return messages.getMessage(key, null, locale);
	}

	String tooMany(TooManyRequestsException e, Locale locale) {
		String key = "client".equals(e.limit()) ? "toomany.client" : "toomany.destination";
		return messages.getMessage(key, null, locale);
	}

}
