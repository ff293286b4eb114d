package io.callbridge.zadarma.outbound;

import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.Balance;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.CallInfo;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.InternalNumbers;

/**
 * The checks of a Zadarma account, in order: credentials (a balance request), balance,
 * the call-notification webhook (our URL, all six notifications on) and the PBX
 * extensions. When the credentials fail the rest is reported as not checked.
 */
final class ZadarmaAccountChecks {

	private static final String PROVIDER = "zadarma";

	private final ZadarmaApiClient api;

	ZadarmaAccountChecks(ZadarmaApiClient api) {
		this.api = api;
	}

	List<AccountCheck> run(Supplier<ZadarmaAccess> accessOf, URI webhookUrl) {
		List<AccountCheck> checks = new ArrayList<>();
		ZadarmaAccess access;
		try {
			access = accessOf.get();
			Balance balance = this.api.balance(access);
			checks.add(check("credentials", true, Text.of("zadarmaCheck.credentialsAccepted")));
			checks.add(balance(balance));
		}
		catch (ZadarmaApiException ex) {
			checks.add(check("credentials", false, ex.text()));
			Text skipped = skipped(ex);
			checks.add(check("balance", false, skipped));
			checks.add(check("webhook", false, skipped));
			checks.add(check("extensions", false, skipped));
			return checks;
		}
		checks.add(webhook(access, webhookUrl));
		checks.add(extensions(access));
		return checks;
	}

	private static AccountCheck check(String code, boolean passed, Text detail) {
		return AccountCheck.of(PROVIDER, code, passed, detail);
	}

	// Only a refusal says anything about the key and secret: a rate limit or an
	// unreachable Zadarma leaves them unknown.
	private static Text skipped(ZadarmaApiException ex) {
		return switch (ex.kind()) {
			case CREDENTIALS_REJECTED, REFUSED -> Text.of("zadarmaCheck.skippedRejected");
			case RATE_LIMITED -> Text.of("zadarmaCheck.skippedRateLimited");
			case UNREACHABLE -> Text.of("zadarmaCheck.skippedUnreachable");
		};
	}

	/** "all six call notifications are on", or which are on and which off. */
	static Text describe(Map<String, Boolean> switches) {
		List<String> on = switches.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		List<String> off = switches.entrySet().stream().filter((e) -> !e.getValue()).map(Map.Entry::getKey).toList();
		if (off.isEmpty()) {
			return Text.of("zadarmaCheck.allOn", on.size(), String.join(", ", on));
		}
		return Text.of("zadarmaCheck.onOff", on.isEmpty() ? Text.of("zadarmaCheck.none") : String.join(", ", on),
				String.join(", ", off));
	}

	private static AccountCheck balance(Balance balance) {
		boolean positive = balance.amount().compareTo(BigDecimal.ZERO) > 0;
		return check("balance", positive,
				positive ? Text.literal(balance.toString()) : Text.of("zadarmaCheck.noBalance", balance.toString()));
	}

	private AccountCheck webhook(ZadarmaAccess access, URI webhookUrl) {
		try {
			CallInfo info = this.api.callInfo(access);
			String ours = webhookUrl.toString();
			if (info.url().isBlank()) {
				return check("webhook", false, Text.of("zadarmaCheck.noWebhook", ours));
			}
			if (!info.url().strip().equals(ours)) {
				return check("webhook", false, Text.of("zadarmaCheck.otherWebhook", info.url(), ours));
			}
			boolean allOn = info.notifications().values().stream().allMatch(Boolean::booleanValue);
			return check("webhook", allOn, Text.of("zadarmaCheck.webhook", ours, describe(info.notifications())));
		}
		catch (ZadarmaApiException ex) {
			return check("webhook", false, ex.text());
		}
	}

	private AccountCheck extensions(ZadarmaAccess access) {
		try {
			InternalNumbers pbx = this.api.internalNumbers(access);
			if (pbx.numbers().isEmpty()) {
				return check("extensions", false, Text.of("zadarmaCheck.noExtensions", String.valueOf(pbx.pbxId())));
			}
			return check("extensions", true, Text.of("zadarmaCheck.extensions", pbx.numbers().size(), pbx.pbxId(),
					String.join(", ", pbx.numbers())));
		}
		catch (ZadarmaApiException ex) {
			return check("extensions", false, ex.text());
		}
	}

}
