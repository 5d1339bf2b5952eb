package com.example.hub.messaging.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@link GroupCommit} of the application's database, where it has one transaction manager: the adapters' journals
 * and inboxes commit through it.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration")
@ConditionalOnClass(PlatformTransactionManager.class)
public final class HubStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(PlatformTransactionManager.class)
    GroupCommit hubGroupCommit(
            PlatformTransactionManager transactionManager, ObjectProvider<MeterRegistry> meterRegistry) {
        // without metrics (none configured), the sizes of the groups are counted nowhere
        return new GroupCommit(transactionManager, meterRegistry.getIfAvailable(CompositeMeterRegistry::new));
    }
}
