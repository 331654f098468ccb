package org.sunshine.subscription;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/** The words people text back, as carriers and CTIA define them, in English, Spanish and Haitian Creole. */
public enum SmsKeyword {

	YES, STOP, START, HELP, OTHER;

	private static final Map<String, SmsKeyword> WORDS = Map.ofEntries(Map.entry("YES", YES), Map.entry("Y", YES),
			Map.entry("SI", YES), Map.entry("WI", YES), Map.entry("STOP", STOP), Map.entry("STOPALL", STOP),
			Map.entry("UNSUBSCRIBE", STOP), Map.entry("CANCEL", STOP), Map.entry("END", STOP), Map.entry("QUIT", STOP),
			Map.entry("REVOKE", STOP), Map.entry("OPTOUT", STOP), Map.entry("ALTO", STOP), Map.entry("PARAR", STOP),
			Map.entry("BAJA", STOP), Map.entry("START", START), Map.entry("UNSTOP", START), Map.entry("HELP", HELP),
			Map.entry("INFO", HELP), Map.entry("AYUDA", HELP), Map.entry("EDE", HELP));

	/** The keyword a text is, ignoring case, accents and surrounding spaces and punctuation. */
	public static SmsKeyword of(String body) {
		if (body == null) {
			return OTHER;
		}
		String word = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
			.replaceAll("[\\p{Punct}\\s]+$", "").replaceAll("^[\\p{Punct}\\s]+", "").toUpperCase(Locale.ROOT);
		return WORDS.getOrDefault(word, OTHER);
	}

}
