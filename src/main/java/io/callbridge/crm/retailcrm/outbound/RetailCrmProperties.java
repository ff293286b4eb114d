package io.callbridge.crm.retailcrm.outbound;

import java.time.Duration;

import io.callbridge.telephony.ProviderTimeouts;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the retailCRM client ({@code callbridge.retailcrm.*}), validated at
 * start-up. API keys are per connection and never configured here.
 *
 * @param connectTimeout how long to wait for a connection (at most 1 min)
 * @param readTimeout how long a request may take until its answer is read (at most 5 min)
 * @param rps retailCRM's limit per API key and second for every method outside
 * {@code /telephony} (10)
 * @param telephonyRps its limit per API key and second for {@code /telephony} methods
 * (40)
 * @param maxWaitForSlot how long a request may wait for room under these limits before it
 * is given up as "try again later" rather than sent
 */
@ConfigurationProperties("callbridge.retailcrm")
@Validated
record RetailCrmProperties(@DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("15s") @NotNull Duration readTimeout, @DefaultValue("10") @Min(1) @Max(1000) int rps,
		@DefaultValue("40") @Min(1) @Max(1000) int telephonyRps, @DefaultValue("2s") @NotNull Duration maxWaitForSlot) {

	/**
	 * The longest wait for a slot accepted: a request holds a delivery worker meanwhile.
	 */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

	RetailCrmProperties {
		ProviderTimeouts.check("callbridge.retailcrm", connectTimeout, readTimeout);
		if (maxWaitForSlot == null || maxWaitForSlot.isNegative() || maxWaitForSlot.compareTo(LONGEST_WAIT) > 0) {
			throw new IllegalArgumentException(
					"callbridge.retailcrm.max-wait-for-slot must be between 0 and 30 s, not " + maxWaitForSlot);
		}
	}

	ProviderTimeouts timeouts() {
		return new ProviderTimeouts(this.connectTimeout, this.readTimeout);
	}

}
