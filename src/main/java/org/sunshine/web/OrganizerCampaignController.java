package org.sunshine.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.sunshine.campaign.Campaigns;
import org.sunshine.campaign.Organization;
import org.sunshine.campaign.Organizations;
import org.sunshine.campaign.TestSends;

/**
 * The organizer API (campaigns, and importing followers who agreed before), behind {@code Authorization: Bearer {organizerToken}}. A campaign of another
 * organization is answered as not found, so a token learns nothing about others; answers are counts only.
 */
@RestController
@RequestMapping("/api/organizer")
class OrganizerCampaignController {

	private final Organizations organizations;

	private final Campaigns campaigns;

	private final org.sunshine.campaign.FollowerImport followerImport;

	private final TestSends testSends;

	OrganizerCampaignController(Organizations organizations, Campaigns campaigns,
			org.sunshine.campaign.FollowerImport followerImport, TestSends testSends) {
		this.testSends = testSends;
		this.followerImport = followerImport;
		this.organizations = organizations;
		this.campaigns = campaigns;
	}

	record CampaignRequest(Long meetingId, String ask, Map<String, String> message, String sendAt,
			List<String> reminders, List<String> items) {
	}

	/** What a new campaign's creator is told. */
	record Created(long id, String status) {
	}

	@PostMapping("/campaigns")
	@ResponseStatus(HttpStatus.CREATED)
	Created create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestBody CampaignRequest request) {
		Campaigns.CampaignView view = campaigns.create(organizer(authorization), new Campaigns.NewCampaign(
				request.meetingId(), request.ask(), request.message(), request.sendAt(), request.reminders(), request.items()));
		return new Created(view.id(), view.status());
	}

	/** Imports followers who agreed before, with their consent's time and source; nothing is sent to them. */
	@PostMapping(path = "/followers/import", consumes = "text/csv")
	org.sunshine.campaign.FollowerImport.Result importFollowers(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@RequestHeader(HttpHeaders.CONTENT_TYPE) org.springframework.http.MediaType type, java.io.InputStream body) {
		// UTF-8 unless the client says otherwise (the servlet default for text/* would be ISO-8859-1).
		java.nio.charset.Charset charset = type.getCharset() == null ? java.nio.charset.StandardCharsets.UTF_8
				: type.getCharset();
		return followerImport.importCsv(organizer(authorization), new java.io.InputStreamReader(body, charset));
	}

	@GetMapping("/campaigns/{id}")
	Campaigns.CampaignView get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable long id) {
		return campaigns.view(organizer(authorization), id);
	}

	/** Where an organizer wants a test send of a campaign (their own email and/or phone) and in which language. */
	record TestRequest(String email, String phone, String language) {

		@Override
		public String toString() {
			return "TestRequest[language=" + language + "]";
		}

	}

	/** What a test send's requester is told: it is on its way. */
	record Queued(String status) {
	}

	@PostMapping("/campaigns/{id}/test")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Queued test(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable long id, @RequestBody TestRequest request) {
		testSends.send(organizer(authorization), id, new TestSends.TestSend(request.email(), request.phone(),
				request.language()));
		return new Queued("queued");
	}

	@DeleteMapping("/campaigns/{id}")
	Campaigns.CampaignView cancel(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
			@PathVariable long id) {
		return campaigns.cancel(organizer(authorization), id);
	}

	private Organization organizer(String authorization) {
		String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
				? authorization.substring(7).strip() : null;
		return organizations.byOrganizerToken(token).orElseThrow(NotAnOrganizer::new);
	}

	static final class NotAnOrganizer extends RuntimeException {

		NotAnOrganizer() {
			super("an organizer token is needed: Authorization: Bearer {organizerToken}");
		}

	}

	@ExceptionHandler(NotAnOrganizer.class)
	ResponseEntity<ProblemDetail> unauthorized(NotAnOrganizer e) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
		problem.setTitle("Unauthorized");
		return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
	}

}
