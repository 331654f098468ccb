package org.sunshine.web;

import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.sunshine.subscription.Subscriptions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Pages reached through a subscriber's link speak the subscriber's language, not the browser's: a Spanish
 * subscriber opening her link on an English computer reads Spanish. The language switcher still wins: a
 * {@code ?lang=} or a language chosen before (its cookie) is kept.
 */
@Component
class SubscriberLanguage implements HandlerInterceptor {

	private final Subscriptions subscriptions;

	SubscriberLanguage(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getParameter("lang") != null || chosen(request)) {
			return true;
		}
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> map && map.get("token") instanceof String token) {
			subscriptions.byToken(token).ifPresent(subscriber -> request
				.setAttribute(CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME, Locale.forLanguageTag(subscriber.language())));
		}
		return true;
	}

	private static boolean chosen(HttpServletRequest request) {
		if (request.getCookies() == null) {
			return false;
		}
		for (var cookie : request.getCookies()) {
			if (WebConfiguration.LANGUAGE_COOKIE.equals(cookie.getName())) {
				return true;
			}
		}
		return false;
	}

}
