package io.parley.broker.routing;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.util.regex.Pattern;

/** The shared, thread-safe {@link XmlMapper} of the XML transformations, and the XML name rule. */
final class XmlBodies {

    static final String APPLICATION_XML = "application/xml";
    static final XmlMapper XML = new XmlMapper();

    /** The element names accepted for roots and items, as error messages quote it. */
    static final String ELEMENT_NAME_RULE = "[A-Za-z_][A-Za-z0-9._-]{0,127}";
    static final Pattern ELEMENT_NAME = Pattern.compile(ELEMENT_NAME_RULE);

    private XmlBodies() {
    }
}
