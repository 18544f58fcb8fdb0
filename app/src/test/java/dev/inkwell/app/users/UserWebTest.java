package dev.inkwell.app.users;

import static dev.inkwell.app.web.WebSlice.postJson;
import static dev.inkwell.app.web.WebSlice.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.inkwell.app.web.BulkLimit;
import dev.inkwell.app.web.Exporter;
import dev.inkwell.app.web.Preconditions;
import dev.inkwell.query.Paging;
import dev.inkwell.users.DuplicateEmailException;
import dev.inkwell.users.NewUser;
import dev.inkwell.users.UserNotFoundException;

/**
 * /api/users's arguments and problem bodies, in the web layer alone: what the controller refuses
 * never reaches the use cases (so nothing is read or written), and each exception a use case throws
 * becomes its RFC 9457 problem. Security is UserControllerTest's and the security tests' concern.
 */
@WebMvcTest(controllers = UserController.class)
@AutoConfigureMockMvc(addFilters = false)
@EnableConfigurationProperties(Paging.class)
@Import({BulkLimit.class, Preconditions.class, Exporter.class})
class UserWebTest {

  @Autowired
  MockMvc mvc;
  @MockitoBean
  UserUseCases users;

  @Test
  void anUnknownOperatorIs400AndReachesNoUseCase() throws Exception {
    problem(mvc.perform(get("/api/users").queryParam("age[$near]", "3")), 400, "$near")
        .andExpect(jsonPath("$.detail").value(Matchers.startsWith("unknown operator '$near'")));
    verifyNoInteractions(users);
  }

  @Test
  void pageZeroIs400() throws Exception {
    problem(mvc.perform(get("/api/users").queryParam("page", "0")), 400, "page")
        .andExpect(jsonPath("$.detail").value("page must be 1 or more, was 0"));
    verifyNoInteractions(users);
  }

  @Test
  void anIdThatIsNoNumberIs400() throws Exception {
    problem(mvc.perform(get("/api/users/abc")), 400, null);
    verifyNoInteractions(users);
  }

  @Test
  void anInvalidEmailIs400NamingTheField() throws Exception {
    problem(mvc.perform(postJson("/api/users", "{\"email\": \"not-an-email\", \"name\": \"X\"}")), 400, "email")
        .andExpect(jsonPath("$.detail").value(Matchers.startsWith("email:")));
    verifyNoInteractions(users);
  }

  @Test
  void aNameOverItsLengthIs400NamingTheField() throws Exception {
    problem(mvc.perform(postJson("/api/users", "{\"email\": \"x@example.com\", \"name\": \"" + "n".repeat(101) + "\"}")), 400, "name");
    verifyNoInteractions(users);
  }

  @Test
  void aBulkNamesTheIndexOfTheInvalidUser() throws Exception {
    problem(mvc.perform(postJson("/api/users/bulk", "[{\"email\": \"ok@example.com\", \"name\": \"Ok\"}, {\"email\": \"bad\", \"name\": \"Bad\"}]")),
        400, "email[1]");
    verifyNoInteractions(users);
  }

  @Test
  void malformedJsonIs400() throws Exception {
    problem(mvc.perform(postJson("/api/users", "{not json")), 400, null);
    verifyNoInteractions(users);
  }

  @Test
  void aMissingUserIs404NamingTheId() throws Exception {
    when(users.get(anyInt())).thenThrow(new UserNotFoundException(999999));

    problem(mvc.perform(get("/api/users/999999")), 404, "id").andExpect(jsonPath("$.detail").value("no user with id 999999"));
  }

  @Test
  void aDuplicateEmailIs409NamingTheField() throws Exception {
    when(users.create(any(NewUser.class))).thenThrow(new DuplicateEmailException("alice@example.com", null));

    problem(mvc.perform(postJson("/api/users", "{\"email\": \"alice@example.com\", \"name\": \"Again\"}")), 409, "email")
        .andExpect(jsonPath("$.detail").value("a user with email 'alice@example.com' already exists"));
  }
}
