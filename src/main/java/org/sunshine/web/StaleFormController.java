package org.sunshine.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * A form whose CSRF token had gone stale arrives here (forwarded by the security configuration): the same form
 * is shown again with what the resident typed, a fresh token, and a line saying to check and send it again.
 */
@Controller
class StaleFormController {

	private static final Pattern MEETING_FOLLOW = Pattern.compile("/meetings/(\\d+)/follow");

	private final HomeController home;

	private final MeetingDetailController meetings;

	private final MessageSource messages;

	StaleFormController(HomeController home, MeetingDetailController meetings, MessageSource messages) {
		this.home = home;
		this.meetings = meetings;
		this.messages = messages;
	}

	@RequestMapping("/form-expired")
	String reshow(HttpServletRequest request, Model model, Locale locale) {
		String path = String.valueOf(request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI))
			.substring(request.getContextPath().length());
		model.addAttribute("error", messages.getMessage("form.stale", null, locale));
		if ("/subscribe".equals(path)) {
			String[] feeds = request.getParameterValues("feeds");
			return home.form(model, new HomeController.SignupForm(request.getParameter("email"), request.getParameter("phone"),
					request.getParameter("interests"), feeds == null ? List.of() : Arrays.asList(feeds),
					request.getParameter("language"), request.getParameter("delivery")));
		}
		Matcher follow = MEETING_FOLLOW.matcher(path);
		if (follow.matches()) {
			return meetings.reshow(Long.parseLong(follow.group(1)), new MeetingDetailController.FollowForm(
					request.getParameter("email"), request.getParameter("phone"), request.getParameter("language"),
					request.getParameter("follow")), model, locale);
		}
		model.addAttribute("status", 403);
		return "error";
	}

}
