package com.example.hub.messaging.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

class HubStoreAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HubStoreAutoConfiguration.class));

    @Test
    void groupCommitOfTheApplicationsDatabase() {
        this.contextRunner
                .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class))
                .withBean(DataSource.class, HubStoreAutoConfigurationTests::h2)
                .run(context -> assertThat(context).hasSingleBean(GroupCommit.class));
    }

    @Test
    void noGroupCommitWithoutATransactionManager() {
        this.contextRunner.run(context -> assertThat(context).doesNotHaveBean(GroupCommit.class));
    }

    @Test
    void backsOffFromTheApplicationsGroupCommit() {
        GroupCommit own = new GroupCommit(new DataSourceTransactionManager(h2()), new SimpleMeterRegistry());
        this.contextRunner
                .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class))
                .withBean(DataSource.class, HubStoreAutoConfigurationTests::h2)
                .withBean(GroupCommit.class, () -> own)
                .run(context -> assertThat(context).getBean(GroupCommit.class).isSameAs(own));
    }

    private static DataSource h2() {
        return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:store-auto-configuration");
    }
}
