package org.sunshine.web;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.sunshine.campaign.Followers;
import org.sunshine.campaign.Organization;
import org.sunshine.campaign.Organizations;
import org.sunshine.campaign.Rsvps;
import org.sunshine.campaign.TestSends;
import org.sunshine.subscription.InvalidLinkException;
import org.sunshine.system.InvalidFieldException;
import org.sunshine.system.NotFoundException;
import org.sunshine.system.TooManyRequestsException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An organization's public page ({@code /o/{slug}}, where people follow it), the follower's links (confirm,
 * leave) and the RSVP page ({@code /r/{token}}). A GET only shows a page; every change is a POST.
 */
@Controller
class OrganizationPageController {

	private final Organizations organizations;

	private final Followers followers;

	private final Rsvps rsvps;

	private final MessageSource messages;

	OrganizationPageController(Organizations organizations, Followers followers, Rsvps rsvps, MessageSource messages) {
		this.organizations = organizations;
		this.followers = followers;
		this.rsvps = rsvps;
		this.messages = messages;
	}

	record FollowForm(String email, String phone, String language) {

		@Override
		public String toString() {
			return "FollowForm[language=" + language + "]";
		}

	}

	@GetMapping("/o/{slug}")
	String organization(@PathVariable String slug, Model model, Locale locale) {
		return form(model, organization(slug), new FollowForm(null, null, locale.getLanguage()));
	}

	@PostMapping("/o/{slug}")
	String follow(@PathVariable String slug, @ModelAttribute FollowForm form, Model model, HttpServletRequest request,
			HttpServletResponse response, Locale locale) {
		Organization organization = organization(slug);
		try {
			followers.follow(slug, form.email(), form.phone(), form.language(), request.getRemoteAddr());
		}
		catch (InvalidFieldException e) {
			response.setStatus(400);
			model.addAttribute("field", e.field());
			model.addAttribute("error", messages.getMessage("error.title", null, locale) + ": " + e.getMessage());
			return form(model, organization, form);
		}
		catch (TooManyRequestsException e) {
			response.setStatus(429);
			model.addAttribute("error", e.getMessage());
			return form(model, organization, form);
		}
		model.addAttribute("organization", organization);
		model.addAttribute("followed", true);
		model.addAttribute("email", form.email() != null && !form.email().isBlank());
		model.addAttribute("sms", form.phone() != null && !form.phone().isBlank());
		return "organization";
	}

	private String form(Model model, Organization organization, FollowForm form) {
		model.addAttribute("organization", organization);
		model.addAttribute("form", form);
		model.addAttribute("followed", false);
		return "organization";
	}

	private Organization organization(String slug) {
		return organizations.bySlug(slug).orElseThrow(() -> new NotFoundException("no organization '" + slug + "'"));
	}

	@GetMapping("/f/{token}/confirm")
	String confirmPage(@PathVariable String token, Model model) {
		return follower(token, "confirm", model);
	}

	@PostMapping("/f/{token}/confirm")
	String confirm(@PathVariable String token, Model model, HttpServletRequest request) {
		model.addAttribute("outcome", followers.confirm(token, request.getRemoteAddr()));
		return follower(token, "confirm", model);
	}

	@GetMapping("/f/{token}/leave")
	String leavePage(@PathVariable String token, Model model) {
		return follower(token, "leave", model);
	}

	/** RFC 8058 one-click from a mail client (no cookies, no CSRF token), or the page's button: leaves this organization only. */
	@PostMapping("/f/{token}/leave")
	Object leave(@PathVariable String token, @RequestParam(name = "List-Unsubscribe", required = false) String oneClick,
			Model model) {
		var outcome = followers.leave(token);
		if ("One-Click".equals(oneClick)) {
			return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Left.");
		}
		model.addAttribute("outcome", outcome);
		return follower(token, "leave", model);
	}

	private String follower(String token, String action, Model model) {
		model.addAttribute("link", followers.link(token).orElseThrow(InvalidLinkException::new));
		model.addAttribute("token", token);
		model.addAttribute("action", action);
		return "follower";
	}

	/** The RSVP and leave link of an organizer's test send: a page saying so, with nothing to answer or leave. */
	@GetMapping("/r/" + TestSends.LINK)
	String testLink(Model model, Locale locale) {
		model.addAttribute("title", messages.getMessage("rsvp.test.title", null, locale));
		model.addAttribute("text", messages.getMessage("rsvp.test.text", null, locale));
		return "message";
	}

	@GetMapping("/r/{token}")
	String rsvpPage(@PathVariable String token, Model model) {
		return rsvp(token, model);
	}

	@PostMapping("/r/{token}")
	String answer(@PathVariable String token, @RequestParam String answer, Model model) {
		rsvps.answer(token, "going".equals(answer));
		model.addAttribute("saved", true);
		return rsvp(token, model);
	}

	@PostMapping("/r/{token}/leave")
	String leaveFromRsvp(@PathVariable String token, Model model) {
		model.addAttribute("left", rsvps.leave(token));
		return rsvp(token, model);
	}

	private String rsvp(String token, Model model) {
		Rsvps.RsvpPage page = rsvps.page(token).orElseThrow(InvalidLinkException::new);
		model.addAttribute("page", page);
		model.addAttribute("meeting", MeetingFacts.of(page.meeting(), page.language()));
		model.addAttribute("token", token);
		return "rsvp";
	}

	@ExceptionHandler(InvalidLinkException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String invalidLink(Model model, Locale locale) {
		model.addAttribute("title", messages.getMessage("invalid.title", null, locale));
		model.addAttribute("text", messages.getMessage("invalid.text", null, locale));
		return "message";
	}

	@ExceptionHandler(NotFoundException.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(Model model, Locale locale) {
		model.addAttribute("title", messages.getMessage("organization.missing", null, locale));
		model.addAttribute("text", "");
		return "message";
	}

}
