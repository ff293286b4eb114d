package io.callbridge.campaigns.sites;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.callbridge.calls.Call;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's CRM parameters (OMniLeads' {@code ParametrosCrm}): stored in order,
 * checked against the campaign's contact database and site, and resolved into the values
 * sent: campaign fields, the contact's columns, call data and fixed values; placeholders
 * {@code {N}} are substituted, URL-encoded, into the URL for every trigger (OMniLeads
 * does so only in the browser).
 */
@Service
public class CrmParameters {

	private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final JdbcClient jdbc;

	private final Campaigns campaigns;

	private final ExternalSites sites;

	private final ContactFields contacts;

	CrmParameters(JdbcClient jdbc, Campaigns campaigns, ExternalSites sites, ContactFields contacts) {
		this.jdbc = jdbc;
		this.campaigns = campaigns;
		this.sites = sites;
		this.contacts = contacts;
	}

	/** The parameters of a campaign of the tenant (404 when not), in order. */
	public List<CrmParam> of(long tenantId, long campaignId) {
		this.campaigns.get(tenantId, campaignId);
		return of(campaignId);
	}

	/** The campaign's parameters, in order. */
	public List<CrmParam> of(long campaignId) {
		return this.jdbc
			.sql("SELECT kind, selector, name FROM campaign_crm_params WHERE campaign_id = ? ORDER BY position")
			.param(campaignId)
			.query((rs, n) -> new CrmParam(ParamKind.valueOf(rs.getString("kind")), rs.getString("selector"),
					rs.getString("name")))
			.list();
	}

	/**
	 * Makes the campaign's parameters exactly these.
	 * @throws Problems.InvalidInput on {@code params}, with OMniLeads' messages
	 */
	@Transactional
	public List<CrmParam> replace(long tenantId, long campaignId, List<CrmParam> params) {
		Campaign campaign = this.campaigns.get(tenantId, campaignId);
		SiteTrigger trigger = (campaign.externalSiteId() != null)
				? this.sites.get(tenantId, campaign.externalSiteId()).trigger() : null;
		List<FieldError> errors = SiteValidation.params(params, columns(tenantId, campaign.contactDatabaseId()),
				trigger);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		this.jdbc.sql("DELETE FROM campaign_crm_params WHERE campaign_id = ?").param(campaignId).update();
		for (int i = 0; i < params.size(); i++) {
			CrmParam p = params.get(i);
			this.jdbc
				.sql("INSERT INTO campaign_crm_params (campaign_id, position, kind, selector, name) "
						+ "VALUES (?, ?, ?, ?, ?)")
				.params(campaignId, i, p.kind().name(), p.selector().strip(), p.name().strip())
				.update();
		}
		return of(campaignId);
	}

	/** The columns of a contact database (what CONTACT parameters may name). */
	public List<String> columns(long tenantId, @Nullable Long databaseId) {
		return this.contacts.columns(tenantId, databaseId);
	}

	/** The contact's values in its database, by column. */
	java.util.Map<String, String> contactValues(long tenantId, @Nullable Long contactId) {
		return this.contacts.values(tenantId, contactId);
	}

	/** Every parameter with its value, in order (placeholders included). */
	public static List<SiteParam> resolve(List<CrmParam> params, CrmData data) {
		List<SiteParam> values = new ArrayList<>();
		for (CrmParam param : params) {
			values.add(new SiteParam(param.name(), value(param, data)));
		}
		return values;
	}

	/** The URL with its placeholders substituted, URL-encoded. */
	public static String url(String url, List<SiteParam> values) {
		String result = url;
		for (SiteParam value : values) {
			if (new CrmParam(ParamKind.FIXED, "", value.name()).isPlaceholder()) {
				result = result.replace(value.name(),
						URLEncoder.encode(value.value(), StandardCharsets.UTF_8).replace("+", "%20"));
			}
		}
		return result;
	}

	/** The parameters sent (placeholders are in the URL instead). */
	public static List<SiteParam> sent(List<SiteParam> values) {
		return values.stream().filter((v) -> !new CrmParam(ParamKind.FIXED, "", v.name()).isPlaceholder()).toList();
	}

	/**
	 * The URL with the parameters appended as its query (after {@code &} when it has
	 * one).
	 */
	public static String withQuery(String url, List<SiteParam> params) {
		if (params.isEmpty()) {
			return url;
		}
		String query = params.stream()
			.map((p) -> encode(p.name()) + "=" + encode(p.value()))
			.collect(Collectors.joining("&"));
		return url + (url.contains("?") ? "&" : "?") + query;
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static String value(CrmParam param, CrmData data) {
		return switch (param.kind()) {
			case CAMPAIGN -> campaign(param.selector(), data.campaign());
			case CONTACT -> data.contact().getOrDefault(param.selector(), "");
			case CALL -> call(param.selector(), data);
			case FIXED -> param.selector();
			case DISPOSITION -> disposition(param.selector(), data.disposition());
		};
	}

	private static String campaign(String selector, Campaign campaign) {
		return switch (selector) {
			case "id" -> Long.toString(campaign.id());
			case "nombre" -> campaign.name();
			case "tipo" -> typeName(campaign);
			default -> "";
		};
	}

	// OMniLeads' display names of campaign types, which CRMs built for it compare with.
	private static String typeName(Campaign campaign) {
		return switch (campaign.type()) {
			case MANUAL -> "Manual";
			case INBOUND -> "Entrante";
			case PREVIEW -> "Preview";
		};
	}

	private static String call(String selector, CrmData data) {
		Call call = data.call();
		return switch (selector) {
			case "call_id" -> Long.toString(call.id());
			case "agent_id" -> (call.agentId() != null) ? Long.toString(call.agentId()) : "";
			case "agent_username" -> data.agentUsername();
			case "agent_name" -> data.agentName();
			case "telefono" -> phone(call);
			case "id_contacto" -> (call.contactId() != null) ? Long.toString(call.contactId()) : "";
			case "rec_filename" -> (call.recordingRef() != null) ? call.recordingRef() : "";
			case "call_wait_duration" -> (call.ringSeconds() != null) ? Integer.toString(call.ringSeconds()) : "";
			case "datetime" -> DATETIME.format(time(call).atZone(data.zone()));
			default -> "";
		};
	}

	private static String phone(Call call) {
		if (call.externalNumberRaw() != null) {
			return call.externalNumberRaw();
		}
		return (call.externalNumber() != null) ? call.externalNumber() : "";
	}

	private static Instant time(Call call) {
		return (call.answeredAt() != null) ? call.answeredAt() : call.startedAt();
	}

	private static String disposition(String selector, CrmData.@Nullable Disposition disposition) {
		if (disposition == null) {
			return "";
		}
		return switch (selector) {
			case "id" -> Long.toString(disposition.id());
			case "name" -> disposition.optionName();
			default -> "";
		};
	}

}
