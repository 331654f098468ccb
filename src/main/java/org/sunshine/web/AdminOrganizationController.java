package org.sunshine.web;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.campaign.Campaigns;
import org.sunshine.campaign.Organizations;

/** The admin creates organizations, replaces their organizer token, and approves campaigns when that is required. */
@RestController
class AdminOrganizationController {

	private final Organizations organizations;

	private final Campaigns campaigns;

	AdminOrganizationController(Organizations organizations, Campaigns campaigns) {
		this.organizations = organizations;
		this.campaigns = campaigns;
	}

	record OrganizationRequest(String slug, String name, List<String> languages) {
	}

	@PostMapping("/api/admin/organizations")
	@ResponseStatus(HttpStatus.CREATED)
	Organizations.Created create(@RequestBody OrganizationRequest request) {
		return organizations.create(new Organizations.NewOrganization(request.slug(), request.name(), request.languages()));
	}

	@PostMapping("/api/admin/organizations/{slug}/token")
	Organizations.Created replaceToken(@PathVariable String slug) {
		return organizations.replaceToken(slug);
	}

	@PostMapping("/api/admin/campaigns/{id}/approve")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void approve(@PathVariable long id) {
		campaigns.approve(id);
	}

}
