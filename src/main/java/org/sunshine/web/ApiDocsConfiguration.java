package org.sunshine.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What /api/docs says about the API as a whole; springdoc describes each endpoint from the controllers. */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

	@Bean
	OpenAPI sunshineApi() {
		return new OpenAPI().info(new Info().title("Sunshine API")
			.description("Public-meeting alerts: sign up for topics, read upcoming meetings (also as Open Civic Data "
					+ "events), and run the service (/api/admin/**, HTTP Basic). Errors are RFC 9457 problem details.")
			.version("1"));
	}

}
