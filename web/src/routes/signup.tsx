import { AuthForm } from "../components/auth-form";

export function SignupRoute() {
  return <AuthForm mode="signup" />;
}
