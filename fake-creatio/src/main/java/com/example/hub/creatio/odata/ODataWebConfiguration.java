package com.example.hub.creatio.odata;

import com.example.hub.creatio.CreatioPaths;
import com.example.hub.creatio.session.Sessions;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ODataWebConfiguration implements WebMvcConfigurer {

    private final Sessions sessions;

    ODataWebConfiguration(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ODataSessionInterceptor(sessions))
                .addPathPatterns(CreatioPaths.ODATA, CreatioPaths.ODATA + "/**");
    }
}
