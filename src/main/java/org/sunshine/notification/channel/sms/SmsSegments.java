package org.sunshine.notification.channel.sms;

/**
 * How many SMS segments a text costs. Texts made only of GSM 03.38 characters travel as GSM-7: 160 per
 * single message, 153 per part when split (the rest is the concatenation header); the extension characters
 * ({@code € [ ] { } \ ^ ~ |} and form feed) take two. Any other character forces UCS-2 for the whole text:
 * 70 UTF-16 units, 67 per part. Parts never split an escape pair or a surrogate pair, as carriers do.
 */
public final class SmsSegments {

	/** The text alphabet; which one a text needs decides the segment sizes. */
	public enum Encoding {

		GSM_7(160, 153), UCS_2(70, 67);

		private final int single;

		private final int perPart;

		Encoding(int single, int perPart) {
			this.single = single;
			this.perPart = perPart;
		}

	}

	// GSM 03.38 default alphabet (0x1B, the escape, excluded); ò is 0x08, Ç is 0x09.
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String EXTENSION = "\f^{}\\[~]|€";

	private SmsSegments() {
	}

	public static Encoding encoding(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!isGsm(text.charAt(i))) {
				return Encoding.UCS_2;
			}
		}
		return Encoding.GSM_7;
	}

	/** Whether {@code c} travels in GSM-7 (the default alphabet or its extension). */
	public static boolean isGsm(char c) {
		return BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0;
	}

	/** Segments needed for {@code text}; 0 for an empty text. */
	public static int count(String text) {
		Encoding encoding = encoding(text);
		int total = units(text, encoding);
		if (total <= encoding.single) {
			return total == 0 ? 0 : 1;
		}
		int parts = 1;
		int used = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			int size = (encoding == Encoding.GSM_7) ? gsmSize(c) : (Character.isHighSurrogate(c) ? 2 : 1);
			if (used + size > encoding.perPart) {
				parts++;
				used = 0;
			}
			used += size;
			if (size == 2 && encoding == Encoding.UCS_2) {
				i++; // the low surrogate already counted
			}
		}
		return parts;
	}

	/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
	public static int units(String text) {
		return units(text, encoding(text));
	}

	private static int units(String text, Encoding encoding) {
		if (encoding == Encoding.UCS_2) {
			return text.length();
		}
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			septets += gsmSize(text.charAt(i));
		}
		return septets;
	}

	private static int gsmSize(char c) {
		return EXTENSION.indexOf(c) >= 0 ? 2 : 1;
	}

}
