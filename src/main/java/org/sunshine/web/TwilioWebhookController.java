package org.sunshine.web;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.sunshine.notification.SmsReplies;
import org.sunshine.notification.TwilioWebhooks;
import org.sunshine.subscription.Subscriptions;

/**
 * Twilio's webhooks: texts people send us (YES, STOP, START, HELP, and GOING for a campaign) and delivery status. A request whose
 * {@code X-Twilio-Signature} does not match is refused with 403 before anything is read from it.
 */
@RestController
@RequestMapping("/webhooks/twilio")
class TwilioWebhookController {

	private final TwilioWebhooks twilio;

	private final Subscriptions subscriptions;

	private final SmsReplies replies;

	private final org.sunshine.campaign.Rsvps rsvps;

	private final org.sunshine.campaign.Followers followers;

	TwilioWebhookController(TwilioWebhooks twilio, Subscriptions subscriptions, SmsReplies replies,
			org.sunshine.campaign.Rsvps rsvps, org.sunshine.campaign.Followers followers) {
		this.rsvps = rsvps;
		this.followers = followers;
		this.twilio = twilio;
		this.subscriptions = subscriptions;
		this.replies = replies;
	}

	@PostMapping(path = "/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> incoming(@RequestParam Map<String, String> form,
			@RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
		if (!twilio.verify("/webhooks/twilio/sms", new TreeMap<>(form), signature)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		String from = form.get("From");
		if (from == null || from.isBlank()) {
			return twiml(null);
		}
		String body = form.getOrDefault("Body", "");
		Subscriptions.KeywordOutcome outcome = subscriptions.receiveSms(from.strip(), body);
		boolean optedOut = !subscriptions.maySend(org.sunshine.subscription.Channel.SMS, from.strip(), true);
		// GOING (VOY, M AP VINI) answers a campaign; YES may also confirm an organization's follow.
		java.util.Optional<String> campaignReply = optedOut ? java.util.Optional.empty()
				: rsvps.answerBySms(from.strip(), body)
					.or(() -> outcome.keyword() == org.sunshine.subscription.SmsKeyword.YES ? followers.confirmBySms(from.strip())
							: java.util.Optional.empty());
		if (campaignReply.isPresent() && !outcome.changed()) {
			return twiml(campaignReply.get());
		}
		return twiml(replies.replyTo(outcome, optedOut));
	}

	@PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> status(@RequestParam Map<String, String> form,
			@RequestHeader(name = "X-Twilio-Signature", required = false) String signature) {
		if (!twilio.verify("/webhooks/twilio/status", new TreeMap<>(form), signature)) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		twilio.recordStatus(form.get("MessageSid"), form.get("MessageStatus"), form.get("ErrorCode"), form.get("To"));
		return ResponseEntity.noContent().build();
	}

	/** A TwiML answer: Twilio sends the message back to the person who texted us. */
	private static ResponseEntity<String> twiml(String reply) {
		String body = reply == null ? "<Response/>" : "<Response><Message>" + HtmlUtils.htmlEscape(reply, "UTF-8") + "</Message></Response>";
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
			.body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body);
	}

}
