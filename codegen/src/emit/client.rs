//! `crate::Client`: one method per operation, each returning the operation's fluent builder.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::rust::{deprecated, docs};
use crate::lower::ir::{Operation, Service};

pub fn emit(service: &Service, operations: &[Operation]) -> TokenStream {
    let Service { shape_id: _, title, docs: _, version: _, sdk_id, signing_name, endpoint_prefix: _, env_name } =
        service;
    let client_doc =
        format!(" A client for {title}: one method per operation, sharing one configuration and connection pool.");
    let methods = operations.iter().map(|operation| {
        let Operation { name, module, method, docs: doc_lines, deprecated: note, .. } = operation;
        let method = method.ident();
        let module_ident = module.ident();
        let builder = format_ident!("{name}FluentBuilder");
        let doc_attrs = docs(doc_lines);
        let deprecated = deprecated(note.as_ref());
        // Intra-doc links take the plain module name, `r#` or not.
        let call_doc = format!(" Starts a call of [`{name}`](crate::operation::{}::{name}).", module.as_str());
        quote! {
            #doc_attrs
            #[doc = ""]
            #[doc = #call_doc]
            #deprecated
            pub fn #method(&self) -> crate::operation::#module_ident::builders::#builder {
                crate::operation::#module_ident::builders::#builder::new(self.handle.clone())
            }
        }
    });
    quote! {
        //! The client of the service.

        /// What the model says about the service, for signing, endpoints and configuration.
        pub(crate) static SERVICE: runtime::invoke::ServiceInfo = runtime::invoke::ServiceInfo {
            sdk_id: #sdk_id,
            signing_name: #signing_name,
            env_name: #env_name,
            user_agent: concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")),
            rules: &crate::endpoint::rules::RULE_SET,
        };

        #[doc = #client_doc]
        ///
        /// Cloning is cheap: clones share the configuration and the connections.
        ///
        /// Calls run on a Tokio runtime with its time driver enabled (as `#[tokio::main]` and
        /// `#[tokio::test]` have it): retries and time-outs wait on Tokio's timers, and the
        /// default transport runs on Tokio. Elsewhere a call that has to wait panics.
        #[derive(Debug, Clone)]
        pub struct Client {
            handle: std::sync::Arc<runtime::invoke::Handle>,
        }

        impl Client {
            /// A client made from a configuration that may serve several services: one that
            /// [`Config::from_env`](crate::Config::from_env) loaded once, say, for the clients of
            /// every service a program calls (or, with this crate's `aws-config` feature, an
            /// `aws_types::SdkConfig` that `aws-config` loaded). What is this service's own, such
            /// as the endpoint URL that `AWS_ENDPOINT_URL_<SERVICE>` gives, is applied here.
            pub fn new(config: impl Into<crate::Config>) -> Self {
                Self::from_conf(config.into())
            }

            /// A client with this configuration.
            pub fn from_conf(config: crate::Config) -> Self {
                Self { handle: std::sync::Arc::new(runtime::invoke::Handle::new(config, &SERVICE)) }
            }

            /// The client's configuration, as the service uses it: its endpoint URL is the one the
            /// configuration gives this service.
            pub fn config(&self) -> &crate::Config {
                self.handle.config()
            }

            #( #methods )*
        }
    }
}
