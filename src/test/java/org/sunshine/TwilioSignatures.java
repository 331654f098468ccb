package org.sunshine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a webhook the way Twilio does: HMAC-SHA1 of the URL followed by the sorted form fields. */
public final class TwilioSignatures {

	private TwilioSignatures() {
	}

	public static String sign(String authToken, String url, Map<String, String> form) throws Exception {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(form).forEach((key, value) -> data.append(key).append(value));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

}
