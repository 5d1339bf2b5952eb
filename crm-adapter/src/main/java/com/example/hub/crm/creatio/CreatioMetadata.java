package com.example.hub.crm.creatio;

import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The entity types of Creatio's OData 4 {@code $metadata} (CSDL XML) and their properties, read as a stream (a real
 * Creatio's document runs to megabytes), without DTDs or external entities.
 */
final class CreatioMetadata {

    private final Map<String, Set<String>> properties;

    private CreatioMetadata(Map<String, Set<String>> properties) {
        this.properties = properties;
    }

    /**
     * @param csdl the document
     * @return its entity types
     * @throws IllegalArgumentException when it is no XML
     */
    static CreatioMetadata read(byte[] csdl) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, Set<String>> types = new HashMap<>();
        try {
            XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(csdl));
            Set<String> current = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = reader.getLocalName();
                    if ("EntityType".equals(element)) {
                        current =
                                types.computeIfAbsent(reader.getAttributeValue(null, "Name"), name -> new HashSet<>());
                    } else if (current != null
                            && ("Property".equals(element) || "NavigationProperty".equals(element))) {
                        current.add(reader.getAttributeValue(null, "Name"));
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && "EntityType".equals(reader.getLocalName())) {
                    current = null;
                }
            }
            reader.close();
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no EntityType in it");
        }
        return new CreatioMetadata(types);
    }

    boolean hasEntityType(String name) {
        return properties.containsKey(name);
    }

    boolean hasProperty(String entityType, String property) {
        return properties.getOrDefault(entityType, Set.of()).contains(property);
    }
}
