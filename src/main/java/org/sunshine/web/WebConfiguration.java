package org.sunshine.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** Pages in English, Spanish and Haitian Creole: the browser's language first, the switcher's choice after. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final SubscriberLanguage subscriberLanguage;

	WebConfiguration(SubscriberLanguage subscriberLanguage) {
		this.subscriberLanguage = subscriberLanguage;
	}

	static final String LANGUAGE_COOKIE = "sunshine-lang";

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"), Locale.forLanguageTag("ht"));

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver(LANGUAGE_COOKIE);
		resolver.setCookieMaxAge(Duration.ofDays(365));
		resolver.setDefaultLocaleFunction(request -> {
			for (Locale wanted : java.util.Collections.list(request.getLocales())) {
				for (Locale supported : LANGUAGES) {
					if (supported.getLanguage().equals(wanted.getLanguage())) {
						return supported;
					}
				}
			}
			return Locale.ENGLISH;
		});
		return resolver;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor change = new LocaleChangeInterceptor();
		change.setParamName("lang");
		change.setIgnoreInvalidLocale(true);
		registry.addInterceptor(change);
		registry.addInterceptor(subscriberLanguage).addPathPatterns("/s/*", "/s/*/**");
	}

}
