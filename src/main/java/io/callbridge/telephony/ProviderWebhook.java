package io.callbridge.telephony;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller that receives a provider's webhooks, the busiest requests a node
 * serves: its handlers are looked up first among the few such controllers
 * ({@link ProviderWebhookMappingConfig}) rather than among every endpoint of the server.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ProviderWebhook {

}
