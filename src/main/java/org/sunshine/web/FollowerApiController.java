package org.sunshine.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.campaign.Followers;

import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /api/organizations/{slug}/followers}: follow an organization by API (double opt-in). */
@RestController
class FollowerApiController {

	private final Followers followers;

	FollowerApiController(Followers followers) {
		this.followers = followers;
	}

	record FollowRequest(String email, String phone, String language) {

		@Override
		public String toString() {
			return "FollowRequest[language=" + language + "]";
		}

	}

	@PostMapping("/api/organizations/{slug}/followers")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Followers.Followed follow(@PathVariable String slug, @RequestBody FollowRequest request, HttpServletRequest http) {
		Followers.Followed followed = followers.follow(slug, request.email(), request.phone(), request.language(),
				http.getRemoteAddr());
		// The contract answers "pending" whatever was known before: it must not tell who already follows.
		return new Followers.Followed(followed.id(), "pending");
	}

}
